package dev.rooms.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeQuickStartTest {

    @TempDir
    Path work;

    @Test
    void quickStartInTheReadmeCompilesAndRunsAsWritten() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("a java block in README.md").isTrue();
        Path source = work.resolve("QuickStart.java");
        Files.writeString(source, block.group(1));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

        int status = compiler.run(null, null, null, "--release", "17", "-cp", classpath, "-d", work.toString(),
                source.toString());

        assertThat(status).as("javac exit status").isZero();
        try (FakeRoomServer server = new FakeRoomServer();
             URLClassLoader loader = new URLClassLoader(new URL[] {work.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("QuickStart").getMethod("main", String[].class);
            main.invoke(null, (Object) new String[] {server.baseUrl()});
            FakeRoomServer.Peer peer = server.nextPeer();
            assertThat(peer.nextFrame().get("content").asText()).isEqualTo("Hello, everyone!");
        }
    }
}
