package io.configservice.reliability;

import java.util.Map;

/**
 * A write the service answered with 2xx: the version it said it made, the change reason that names
 * the write in the history, and the document written.
 */
record AcknowledgedWrite(int version, String changeReason, Map<String, Object> document) {}
