package dev.rooms.sdk.testing;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The first {@code ```java} block of a README, compiled as {@code QuickStart.java} against the test class path, so
 * a test can run it exactly as a reader would. Public: rooms-server's end-to-end tests run the SDK's quick start
 * against the real server with it.
 */
public final class ReadmeJavaBlock {

    private final Path classes;

    private ReadmeJavaBlock(Path classes) {
        this.classes = classes;
    }

    /**
     * Compiles the README's first Java block.
     *
     * @param readme the Markdown file
     * @param work   an empty directory for the source and the classes
     * @return the compiled block
     * @throws IOException           if the README cannot be read
     * @throws IllegalStateException if there is no Java block or it does not compile (javac's messages are on stderr)
     */
    public static ReadmeJavaBlock compile(Path readme, Path work) throws IOException {
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(readme));
        if (!block.find()) {
            throw new IllegalStateException("no ```java block in " + readme);
        }
        Path source = work.resolve("QuickStart.java");
        Files.writeString(source, block.group(1));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int status = compiler.run(null, null, null, "--release", "17", "-cp", classpath, "-d", work.toString(),
                source.toString());
        if (status != 0) {
            throw new IllegalStateException("the Java block of " + readme + " does not compile (javac exit " + status
                    + ")");
        }
        return new ReadmeJavaBlock(work);
    }

    /**
     * Runs the block's {@code QuickStart.main}.
     *
     * @param args its arguments
     * @throws Exception what {@code main} threw
     */
    public void runMain(String... args) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeJavaBlock.class.getClassLoader())) {
            Method main = loader.loadClass("QuickStart").getMethod("main", String[].class);
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception thrown) {
                throw thrown;
            }
            throw e;
        }
    }
}
