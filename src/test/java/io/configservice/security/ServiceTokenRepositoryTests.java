package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bootstrap admin token's two statements, in a JPA slice on the real PostgreSQL (the schema
 * from the Flyway migrations, each test rolled back).
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class ServiceTokenRepositoryTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.Database database = TestInfrastructure.database();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
    }

    @Autowired private ServiceTokenRepository tokens;

    @Autowired private JdbcTemplate jdbc;

    @Test
    void aGeneratedAdminTokenIsStoredOnlyWhereNoneExists() {
        jdbc.update("DELETE FROM service_tokens WHERE id = 'admin'");

        assertThat(tokens.insertAdminIfAbsent("hash-generated")).isEqualTo(1);
        assertThat(tokens.insertAdminIfAbsent("hash-of-a-second-replica")).isZero();
        assertThat(adminHash()).isEqualTo("hash-generated");
    }

    @Test
    void theConfiguredAdminTokenReplacesAnEarlierOneAndUndoesItsRevocation() {
        tokens.insertAdminIfAbsent("hash-earlier");
        jdbc.update("UPDATE service_tokens SET revoked_at = now() WHERE id = 'admin'");

        assertThat(tokens.upsertAdmin("hash-configured")).isEqualTo(1);

        assertThat(adminHash()).isEqualTo("hash-configured");
        assertThat(
                        jdbc.queryForObject(
                                "SELECT revoked_at IS NULL AND admin FROM service_tokens WHERE id = 'admin'",
                                Boolean.class))
                .isTrue();
        assertThat(tokens.insertAdminIfAbsent("hash-generated"))
                .as("a configured admin token is never replaced " + "by a generated one")
                .isZero();
    }

    private String adminHash() {
        return jdbc.queryForObject(
                "SELECT token_hash FROM service_tokens WHERE id = 'admin'", String.class);
    }
}
