package io.configservice.audit;

import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seals new audit rows into their hash chain, oldest first, on one replica at a time. Rows are written by the audited
 * operation itself (so it fails when its audit row cannot be written); sealing them here keeps that hot path free of
 * a cluster-wide lock, at the price of a short window (the seal interval) in which a new row is not yet chained.
 */
@Service
public class AuditSealer {

    private static final int BATCH = 1_000;

    private final AuditChainRepository chains;

    public AuditSealer(AuditChainRepository chains) {
        this.chains = chains;
    }

    /** @return how many rows were sealed, or -1 when another replica is sealing */
    @Scheduled(fixedDelayString = "${configservice.audit.seal-interval:500ms}")
    @Transactional
    public int seal() {
        if (!chains.tryLockSealer()) {
            return -1;
        }
        int sealed = 0;
        for (AuditChain chain : AuditChain.values()) {
            sealed += seal(chain);
        }
        return sealed;
    }

    private int seal(AuditChain chain) {
        List<AuditChainRepository.Row> rows = chains.unsealed(chain, BATCH);
        if (rows.isEmpty()) {
            return 0;
        }
        AuditChainRepository.Head head = chains.head(chain, true);
        long seq = head.lastSeq();
        String prev = head.lastHash();
        List<AuditChainRepository.Row> sealed = new ArrayList<>(rows.size());
        for (AuditChainRepository.Row row : rows) {
            seq++;
            String hash = AuditChainRepository.link(prev, row.canonical());
            sealed.add(new AuditChainRepository.Row(row.id(), row.canonical(), seq, prev, hash));
            prev = hash;
        }
        chains.seal(chain, sealed, new AuditChainRepository.Head(seq, prev));
        return sealed.size();
    }
}
