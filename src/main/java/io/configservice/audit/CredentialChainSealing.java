package io.configservice.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals {@code credential_access_log} rows as they are written, so each is written once instead of
 * inserted and then updated by the {@link AuditSealer} (an update that is not HOT, since {@code
 * chain_seq} is indexed). A batch takes two statements, neither inside a transaction of its own:
 * {@link #prepare} has PostgreSQL compute the rows' canonical text from their values (it does not
 * depend on the chain, so it needs no lock and can run while the previous batch is appended), and
 * {@link #append} links the rows with the same {@link ChainAppend} as the sealer onto the head this
 * replica last wrote and inserts them together with the head's update, in one statement that only
 * takes effect if the head is still that one. Whoever moved it meanwhile (the sealer or another
 * replica) makes the batch take the chain's state row lock instead, as the sealer does, read the
 * head and insert in that transaction. Either way the writers of every replica and the sealer take
 * their positions one after the other, gap-free, in the order they update the head. Rows it does
 * not seal (the chain key not in memory, or a chain whose legacy boundary the key does not
 * authenticate) are written unsealed by the caller and left to the sealer, which also reports the
 * refused chain.
 */
@Component
public class CredentialChainSealing {

    private static final AuditChain CHAIN = AuditChain.CREDENTIAL;

    private final AuditChainRepository chains;
    private final AuditChainKey chainKey;
    private final TransactionTemplate transactions;
    private final ReentrantLock appending = new ReentrantLock();

    /** The head as this replica's last append left it; a guess, checked by each append. */
    private AuditChainRepository.@Nullable State head;

    CredentialChainSealing(
            AuditChainRepository chains, AuditChainKey chainKey, TransactionTemplate transactions) {
        this.chains = chains;
        this.chainKey = chainKey;
        this.transactions = transactions;
    }

    /**
     * Computes the canonical text of rows about to be inserted, as the verifier will compute it
     * from the stored rows.
     *
     * @param ids the rows' ids, in the order they are to take positions
     * @param columns the columns {@code values} gives, as named in {@code credential_access_log}:
     *     {@code id} and every column of the canonical row
     * @param values a {@code VALUES} list of exactly the rows to be inserted, typed as in the table
     *     (the insert uses the same list, so the hashed text is the stored row's)
     * @return the rows ready to {@link #append}; empty when the chain key is not in memory: the
     *     rows are to be written unsealed, for the sealer
     */
    public Optional<PreparedRows> prepare(
            List<String> ids, String columns, String values, ValuesBinder bind) {
        return chainKey.inMemory()
                .map(
                        key ->
                                new PreparedRows(
                                        key,
                                        ids,
                                        chains.canonicalOfUnwritten(CHAIN, columns, values, bind),
                                        columns,
                                        values,
                                        bind));
    }

    /**
     * Inserts the rows sealed at the next positions of the credential chain; they are committed
     * when it returns. Must not be called in a transaction: the insert would hold the chain's state
     * row until that transaction ends.
     *
     * @return false when the chain's legacy boundary is not authenticated by the chain key: nothing
     *     was written, the rows are to be written unsealed
     */
    public boolean append(PreparedRows rows) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("credential rows are sealed outside a transaction");
        }
        appending.lock();
        try {
            AuditChainRepository.State known = head;
            head = null;
            if (known != null && rows.key.authenticates(CHAIN, known) && insertOnto(known, rows)) {
                return true;
            }
            return Boolean.TRUE.equals(
                    transactions.execute(
                            status -> {
                                AuditChainRepository.State locked = chains.state(CHAIN, true);
                                if (!rows.key.authenticates(CHAIN, locked)) {
                                    return false;
                                }
                                if (!insertOnto(locked, rows)) {
                                    throw new IllegalStateException(
                                            "the credential chain's head moved under its lock");
                                }
                                return true;
                            }));
        } finally {
            appending.unlock();
        }
    }

    /** Inserts the rows linked onto {@code from}, if that is still the head. */
    private boolean insertOnto(AuditChainRepository.State from, PreparedRows rows) {
        ChainAppend append = new ChainAppend(rows.key.link(), from);
        List<AuditChainRepository.Row> sealed =
                rows.ids.stream().map(id -> append.next(id, rows.canonical(id))).toList();
        if (!chains.insertSealed(CHAIN, from, sealed, rows.columns, rows.values, rows.bind)) {
            return false;
        }
        head = from.advancedTo(append.lastSeq(), append.lastHash());
        return true;
    }

    /** Rows whose canonical text is known, with the key to seal them under. */
    public static final class PreparedRows {

        private final ChainKey key;
        private final List<String> ids;
        private final Map<String, String> canonical;
        private final String columns;
        private final String values;
        private final ValuesBinder bind;

        private PreparedRows(
                ChainKey key,
                List<String> ids,
                Map<String, String> canonical,
                String columns,
                String values,
                ValuesBinder bind) {
            this.key = key;
            this.ids = ids;
            this.canonical = canonical;
            this.columns = columns;
            this.values = values;
            this.bind = bind;
            ids.forEach(this::canonical);
        }

        private String canonical(String id) {
            String text = canonical.get(id);
            if (text == null) {
                throw new IllegalArgumentException("row " + id + " is not among the values given");
            }
            return text;
        }
    }
}
