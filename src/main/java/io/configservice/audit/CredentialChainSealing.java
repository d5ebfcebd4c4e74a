package io.configservice.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seals {@code credential_access_log} rows as they are written, so each is written once instead of
 * inserted and then updated by the {@link AuditSealer} (an update that is not HOT, since {@code
 * chain_seq} is indexed). In the transaction that inserts the rows it locks the credential chain's
 * state row, as the sealer does, links the rows onto the chain's head with the same {@link
 * ChainAppend} and advances the head: the sealer and the writers of every replica take their
 * positions one after the other, gap-free, in the order they get the lock. Rows it does not seal
 * (the chain key not in memory, or a chain whose legacy boundary the key does not authenticate) are
 * written unsealed and left to the sealer, which also reports the refused chain.
 */
@Component
public class CredentialChainSealing {

    private static final AuditChain CHAIN = AuditChain.CREDENTIAL;

    private final AuditChainRepository chains;
    private final AuditChainKey chainKey;

    CredentialChainSealing(AuditChainRepository chains, AuditChainKey chainKey) {
        this.chains = chains;
        this.chainKey = chainKey;
    }

    /**
     * Reserves the next positions of the credential chain for rows about to be inserted in the
     * current transaction (which then holds the chain's state row until it ends, so it should end
     * soon). If the transaction does not commit, neither the positions nor the rows stay.
     *
     * @param ids the rows' ids, in the order they take positions
     * @param columns the columns {@code values} gives, as named in {@code credential_access_log}:
     *     {@code id} and every column of the canonical row
     * @param values a {@code VALUES} list of exactly the rows to be inserted, typed as in the table
     *     (the same list the insert uses, so the hashed text is the stored row's)
     * @return each row's seal, in the order of {@code ids}; empty when the rows are to be written
     *     unsealed, for the sealer
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<List<Seal>> sealNext(
            List<String> ids, String columns, String values, PreparedStatementSetter bind) {
        Optional<ChainKey> key = chainKey.inMemory();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> canonical = chains.canonicalOfUnwritten(CHAIN, columns, values, bind);
        AuditChainRepository.State head = chains.state(CHAIN, true);
        if (!key.get().authenticates(CHAIN, head)) {
            return Optional.empty();
        }
        ChainAppend append = new ChainAppend(key.get().link(), head);
        List<Seal> seals =
                ids.stream()
                        .map(id -> append.next(id, requireCanonical(canonical, id)))
                        .map(row -> new Seal(row.seq(), row.prevHash(), row.hash()))
                        .toList();
        chains.advance(CHAIN, append.lastSeq(), append.lastHash());
        return Optional.of(seals);
    }

    private static String requireCanonical(Map<String, String> canonical, String id) {
        String text = canonical.get(id);
        if (text == null) {
            throw new IllegalArgumentException("row " + id + " is not among the values given");
        }
        return text;
    }

    /** A row's place in the credential chain: its position, the previous hash and its hash. */
    public record Seal(long seq, String prevHash, String hash) {}
}
