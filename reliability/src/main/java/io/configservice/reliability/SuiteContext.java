package io.configservice.reliability;

import java.nio.file.Path;

/**
 * What every scenario of one run shares.
 *
 * @param profile the sizes of the run
 * @param faultMode how outages of PostgreSQL, Redis and RabbitMQ are made
 * @param workDirectory where scenarios keep their files (logs, state of the processes they start)
 */
public record SuiteContext(Profile profile, FaultMode faultMode, Path workDirectory) {}
