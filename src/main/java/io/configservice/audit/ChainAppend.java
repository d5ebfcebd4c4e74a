package io.configservice.audit;

/**
 * Links rows onto the end of a chain, one after the other: each takes the next position, the hash
 * of the row before it and, as its own hash, the link of that hash and its canonical text. The
 * sealer uses it for rows already written, the credential writer for rows about to be written, so
 * both extend the chain exactly alike. Not thread-safe: each batch takes its own.
 */
final class ChainAppend {

    private final ChainLink link;
    private long lastSeq;
    private String lastHash;

    ChainAppend(ChainLink link, AuditChainRepository.State head) {
        this.link = link;
        this.lastSeq = head.lastSeq();
        this.lastHash = head.lastHash();
    }

    /** The row sealed at the next position. */
    AuditChainRepository.Row next(String id, String canonical) {
        lastSeq++;
        String hash = link.link(lastHash, canonical);
        AuditChainRepository.Row sealed =
                new AuditChainRepository.Row(id, canonical, lastSeq, lastHash, hash);
        lastHash = hash;
        return sealed;
    }

    /** The position of the last row linked (the head's before any). */
    long lastSeq() {
        return lastSeq;
    }

    /** The hash of the last row linked (the head's before any). */
    String lastHash() {
        return lastHash;
    }
}
