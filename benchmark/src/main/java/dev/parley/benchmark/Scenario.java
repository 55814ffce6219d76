package dev.parley.benchmark;

import tools.jackson.databind.node.ObjectNode;

/** One benchmark subcommand: drives the target and fills the report's {@code result}. */
interface Scenario {

    String name();

    void run(Options options, Target target, Report report);

    /** One line for a person, from the result written. */
    String summary(ObjectNode result);
}
