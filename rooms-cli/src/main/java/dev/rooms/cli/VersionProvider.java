package dev.rooms.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code rooms --version}: the build's version, read from a resource Maven fills in. */
final class VersionProvider implements IVersionProvider {

    private static String version;

    static synchronized String version() {
        if (version == null) {
            Properties properties = new Properties();
            try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            version = properties.getProperty("version", "unknown");
        }
        return version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
                "rooms " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
        };
    }
}
