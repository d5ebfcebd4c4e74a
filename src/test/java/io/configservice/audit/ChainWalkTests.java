package io.configservice.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The chain scheme as pure logic: rows up to the legacy boundary linked with SHA-256, rows after it
 * with HMAC-SHA256 under the chain key; what an attacker who can write the database but does not
 * hold the key can and cannot hide.
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

        assertThat(key.authenticates(AuditChain.CONFIGURATION, state(LEGACY, legacyHash, mac)))
                .isTrue();
        assertThat(key.authenticates(AuditChain.CONFIGURATION, state(6, rows.get(5).hash(), mac)))
                .isFalse();
        assertThat(key.authenticates(AuditChain.CREDENTIAL, state(LEGACY, legacyHash, mac)))
                .isFalse();
        assertThat(key.authenticates(AuditChain.CONFIGURATION, state(LEGACY, legacyHash, null)))
                .isFalse();
        assertThat(
                        new ChainKey(randomKey())
                                .authenticates(
                                        AuditChain.CONFIGURATION, state(LEGACY, legacyHash, mac)))
                .isFalse();
        assertThat(key.toString()).doesNotContain(mac);
    }

    @Test
    void walksFromACheckpointAndChecksTheRowsKeptBelowItOneByOne() {
        List<AuditChainRepository.Row> rows = chain(8);
        String legacyHash = rows.get(LEGACY - 1).hash();
        AuditCheckpoint checkpoint = checkpoint(rows, 5, 2);
        List<AuditChainRepository.Row> remaining =
                List.of(rows.get(1), rows.get(3), rows.get(5), rows.get(6), rows.get(7));

        ChainWalk walk = walk(remaining, legacyHash, checkpoint);

        assertThat(walk.brokenId()).isNull();
        assertThat(walk.kept()).isEqualTo(2);
        assertThat(walk.checked()).isEqualTo(5);
        assertThat(walk.legacy()).isEqualTo(1);
        assertThat(walk.position()).isEqualTo(8);
        assertThat(walk.lastHash()).isEqualTo(rows.get(7).hash());
    }

    @Test
    void findsAKeptRowThatWasChangedAndAGapAfterTheCheckpoint() {
        List<AuditChainRepository.Row> rows = chain(8);
        String legacyHash = rows.get(LEGACY - 1).hash();
        AuditCheckpoint checkpoint = checkpoint(rows, 5, 1);
        AuditChainRepository.Row kept = rows.get(3);
        AuditChainRepository.Row changed =
                new AuditChainRepository.Row(
                        kept.id(), "4|tampered", kept.seq(), kept.prevHash(), kept.hash());

        ChainWalk tampered =
                walk(
                        List.of(changed, rows.get(5), rows.get(6), rows.get(7)),
                        legacyHash,
                        checkpoint);
        ChainWalk gap = walk(List.of(kept, rows.get(6), rows.get(7)), legacyHash, checkpoint);

        assertThat(tampered.brokenId()).isEqualTo("4");
        assertThat(tampered.problem()).contains("kept below the retention checkpoint");
        assertThat(gap.brokenId()).isEqualTo("7");
        assertThat(gap.problem()).contains("position 7 where 6 was expected");
    }

    @Test
    void aCheckpointIsAuthenticatedOnlyAsSignedAndOnlyByItsKey() {
        List<AuditChainRepository.Row> rows = chain(8);
        AuditCheckpoint checkpoint = checkpoint(rows, 5, 1);
        AuditCheckpoint fewerKept =
                signed(
                        new AuditCheckpoint(
                                checkpoint.id(),
                                5,
                                checkpoint.throughHash(),
                                0,
                                checkpoint.pruned(),
                                checkpoint.firstAt(),
                                checkpoint.lastAt(),
                                checkpoint.createdAt(),
                                ""),
                        checkpoint.mac());
        AuditCheckpoint moved =
                signed(
                        new AuditCheckpoint(
                                checkpoint.id(),
                                6,
                                rows.get(5).hash(),
                                1,
                                checkpoint.pruned(),
                                checkpoint.firstAt(),
                                checkpoint.lastAt(),
                                checkpoint.createdAt(),
                                ""),
                        checkpoint.mac());

        assertThat(key.authenticates(AuditChain.CREDENTIAL, checkpoint)).isTrue();
        assertThat(key.authenticates(AuditChain.CONFIGURATION, checkpoint)).isFalse();
        assertThat(key.authenticates(AuditChain.CREDENTIAL, fewerKept)).isFalse();
        assertThat(key.authenticates(AuditChain.CREDENTIAL, moved)).isFalse();
        assertThat(new ChainKey(randomKey()).authenticates(AuditChain.CREDENTIAL, checkpoint))
                .isFalse();
        assertThat(key.authenticates(AuditChain.CREDENTIAL, AuditCheckpoint.NONE)).isTrue();
    }

    /** Walks the rows with the boundary recorded when the chain was intact. */
    private ChainWalk walk(List<AuditChainRepository.Row> rows, String legacyHash) {
        return walk(rows, legacyHash, AuditCheckpoint.NONE);
    }

    private ChainWalk walk(
            List<AuditChainRepository.Row> rows, String legacyHash, AuditCheckpoint checkpoint) {
        ChainWalk walk = new ChainWalk(LEGACY, legacyHash, key.link(), checkpoint);
        rows.forEach(walk::visit);
        return walk;
    }

    /** A checkpoint after position {@code through} of the rows, signed with the test key. */
    private AuditCheckpoint checkpoint(
            List<AuditChainRepository.Row> rows, long through, long kept) {
        AuditCheckpoint unsigned =
                new AuditCheckpoint(
                        7,
                        through,
                        rows.get((int) through - 1).hash(),
                        kept,
                        through - kept,
                        Instant.parse("2020-01-01T00:00:00Z"),
                        Instant.parse("2020-01-02T00:00:00Z"),
                        Instant.parse("2020-04-01T00:00:00.123456Z"),
                        "");
        return signed(unsigned, key.checkpointMac(AuditChain.CREDENTIAL, unsigned));
    }

    private static AuditCheckpoint signed(AuditCheckpoint c, String mac) {
        return new AuditCheckpoint(
                c.id(),
                c.throughSeq(),
                c.throughHash(),
                c.kept(),
                c.pruned(),
                c.firstAt(),
                c.lastAt(),
                c.createdAt(),
                mac);
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

    /**
     * What an attacker without the key can do: change a row, then recompute plain SHA-256 from it
     * to the end.
     */
    private static void rechainWithSha256(
            List<AuditChainRepository.Row> rows, int from, String canonical) {
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

    private static AuditChainRepository.State state(
            long legacySeq, String legacyHash, @Nullable String mac) {
        return new AuditChainRepository.State(6, "", legacySeq, legacyHash, mac);
    }

    private static SecretKey randomKey() {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        return new SecretKeySpec(material, ChainKey.ALGORITHM);
    }
}
