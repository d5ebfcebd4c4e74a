package io.configservice.audit;

/**
 * The two hash-chained audit tables, with how to read each row in a canonical text form. The
 * canonical form is built in SQL from the stored columns (times in UTC to the microsecond, NULL as
 * ␀), so sealing and verifying read exactly the same text whatever the session settings.
 */
enum AuditChain {
    CONFIGURATION(
            "configuration",
            "configuration_audit",
            "bigint",
            "id",
            """
            concat_ws(E'\\x1f', id::text, service_id, environment, version::text, operation, coalesce(actor, '␀'),
                array_to_string(changed_keys, E'\\x1e', '␀'), coalesce(reason, '␀'),
                to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))"""),

    CREDENTIAL(
            "credential",
            "credential_access_log",
            "uuid",
            "accessed_at, id",
            """
            concat_ws(E'\\x1f', id::text, coalesce(credential_id::text, '␀'), coalesce(credential_key, '␀'), operation,
                coalesce(user_id, '␀'), coalesce(service_id, '␀'), coalesce(host(ip_address), '␀'),
                coalesce(user_agent, '␀'), access_granted::text, coalesce(access_reason, '␀'),
                coalesce(failure_reason, '␀'),
                coalesce(to_char(accessed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '␀'),
                coalesce(duration_ms::text, '␀'), coalesce(metadata::text, '␀'))""");

    static final String GENESIS_HASH = "0".repeat(64);

    private final String chainName;
    private final String table;
    private final String idType;
    private final String sealOrder;
    private final String canonicalSql;

    AuditChain(
            String chainName, String table, String idType, String sealOrder, String canonicalSql) {
        this.chainName = chainName;
        this.table = table;
        this.idType = idType;
        this.sealOrder = sealOrder;
        this.canonicalSql = canonicalSql;
    }

    String chainName() {
        return chainName;
    }

    String table() {
        return table;
    }

    String idType() {
        return idType;
    }

    String sealOrder() {
        return sealOrder;
    }

    String canonicalSql() {
        return canonicalSql;
    }
}
