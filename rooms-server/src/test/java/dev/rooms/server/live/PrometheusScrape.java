package dev.rooms.server.live;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rooms.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** One scrape of {@code /actuator/prometheus} on a server's management port, read as an operator's Prometheus would. */
record PrometheusScrape(String text) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    static PrometheusScrape of(int managementPort) {
        ApiClient.Response response = new ApiClient(managementPort).get("/actuator/prometheus", null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new PrometheusScrape(response.body());
    }

    /**
     * The sum of the samples of {@code name} whose labels include every one of {@code labels}; 0 when there is
     * none (a tagged counter appears with its first increment).
     */
    double sum(String name, String... labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches() && sample.group(1).equals(name)) {
                String found = sample.group(2) == null ? "" : sample.group(2);
                boolean all = true;
                for (String label : labels) {
                    all &= found.contains(label);
                }
                if (all) {
                    sum += Double.parseDouble(sample.group(3));
                }
            }
        }
        return sum;
    }

    /** The value of a meter registered at start-up (a gauge), which must be in the scrape. */
    double value(String name) {
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches() && sample.group(1).equals(name)) {
                return Double.parseDouble(sample.group(3));
            }
        }
        return fail("no %s in the scrape", name);
    }
}
