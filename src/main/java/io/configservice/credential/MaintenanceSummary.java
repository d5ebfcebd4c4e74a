package io.configservice.credential;

/** What one run of the credential maintenance job did. */
record MaintenanceSummary(int rotated, int failed, int destroyed) {

    boolean didWork() {
        return rotated + failed + destroyed > 0;
    }
}
