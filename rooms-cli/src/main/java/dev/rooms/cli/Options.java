package dev.rooms.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Turns the SDK's refusal of an option's value (a query builder's check) into a usage error naming the option. */
final class Options {

    private Options() {
    }

    static void check(CommandLine command, String option, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command, option + ": " + e.getMessage());
        }
    }
}
