package io.configservice.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The chain scheme as pure logic: rows up to the legacy boundary linked with SHA-256, rows after it with HMAC-SHA256
 * under the chain key; what an attacker who can write the database but does not hold the key can and cannot hide.
 */
class ChainWalkTests {

    private static final int LEGACY = 3;

    private final ChainKey key = new ChainKey(randomKey());

    @Test
    void legacyRowsThenHmacRowsVerify() {
        List<AuditChainRepository.Row> rows = chain(6);

        ChainWalk walk = walk(rows, rows.get(LEGACY - 1).hash());

        assertThat(walk.brokenId()).isNull();
        assertThat(walk.checked()).isEqualTo(6);
        assertThat(walk.legacy()).isEqualTo(LEGACY);
        assertThat(walk.lastHash()).isEqualTo(rows.get(5).hash());
    }

    @Test
    void findsARowAfterTheBoundaryRechainedWithPlainSha256() {
        List<AuditChainRepository.Row> rows = chain(6);
        String legacyHash = rows.get(LEGACY - 1).hash();
        rechainWithSha256(rows, 4, "5|tampered");

        ChainWalk walk = walk(rows, legacyHash);

        assertThat(walk.brokenId()).isEqualTo("5");
        assertThat(walk.problem()).contains("content does not match its hash");
    }

    @Test
    void findsLegacyRowsRechainedAtTheBoundary() {
        List<AuditChainRepository.Row> rows = chain(6);
        String legacyHash = rows.get(LEGACY - 1).hash();
        List<AuditChainRepository.Row> legacy = new ArrayList<>(rows.subList(0, LEGACY));
        rechainWithSha256(legacy, 1, "2|tampered");
        for (int i = 0; i < LEGACY; i++) {
            rows.set(i, legacy.get(i));
        }

        ChainWalk walk = walk(rows, legacyHash);

        assertThat(walk.brokenId()).isEqualTo("3");
        assertThat(walk.problem()).contains("re-chained");
    }

    @Test
    void theBoundaryIsAuthenticatedOnlyWhereItWasRecordedAndOnlyByItsKey() {
        List<AuditChainRepository.Row> rows = chain(6);
        String legacyHash = rows.get(LEGACY - 1).hash();
        String mac = key.boundaryMac(AuditChain.CONFIGURATION, LEGACY, legacyHash);

        assertThat(key.authenticates(AuditChain.CONFIGURATION, state(LEGACY, legacyHash, mac))).isTrue();
        assertThat(key.authenticates(AuditChain.CONFIGURATION, state(6, rows.get(5).hash(), mac))).isFalse();
        assertThat(key.authenticates(AuditChain.CREDENTIAL, state(LEGACY, legacyHash, mac))).isFalse();
        assertThat(key.authenticates(AuditChain.CONFIGURATION, state(LEGACY, legacyHash, null))).isFalse();
        assertThat(new ChainKey(randomKey()).authenticates(AuditChain.CONFIGURATION, state(LEGACY, legacyHash, mac)))
                .isFalse();
        assertThat(key.toString()).doesNotContain(mac);
    }

    /** Walks the rows with the boundary recorded when the chain was intact. */
    private ChainWalk walk(List<AuditChainRepository.Row> rows, String legacyHash) {
        ChainWalk walk = new ChainWalk(LEGACY, legacyHash, key.link());
        rows.forEach(walk::visit);
        return walk;
    }

    /** Sealed rows 1..count: SHA-256 up to the boundary, HMAC after it. */
    private List<AuditChainRepository.Row> chain(int count) {
        List<AuditChainRepository.Row> rows = new ArrayList<>();
        ChainLink legacy = ChainLink.legacySha256();
        ChainLink hmac = key.link();
        String prev = AuditChain.GENESIS_HASH;
        for (long seq = 1; seq <= count; seq++) {
            String canonical = seq + "|row";
            String hash = (seq <= LEGACY ? legacy : hmac).link(prev, canonical);
            rows.add(new AuditChainRepository.Row(Long.toString(seq), canonical, seq, prev, hash));
            prev = hash;
        }
        return rows;
    }

    /** What an attacker without the key can do: change a row, then recompute plain SHA-256 from it to the end. */
    private static void rechainWithSha256(List<AuditChainRepository.Row> rows, int from, String canonical) {
        ChainLink sha256 = ChainLink.legacySha256();
        String prev = rows.get(from).prevHash();
        for (int i = from; i < rows.size(); i++) {
            AuditChainRepository.Row row = rows.get(i);
            String content = i == from ? canonical : row.canonical();
            String hash = sha256.link(prev, content);
            rows.set(i, new AuditChainRepository.Row(row.id(), content, row.seq(), prev, hash));
            prev = hash;
        }
    }

    private static AuditChainRepository.State state(long legacySeq, String legacyHash, @Nullable String mac) {
        return new AuditChainRepository.State(6, "", legacySeq, legacyHash, mac);
    }

    private static SecretKey randomKey() {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        return new SecretKeySpec(material, ChainKey.ALGORITHM);
    }
}
