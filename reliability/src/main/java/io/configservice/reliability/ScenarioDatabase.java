package io.configservice.reliability;

import io.configservice.testserver.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A PostgreSQL database a scenario checks directly (rows written, rows left behind): the database
 * the server processes of this run share, or a fresh one next to it for a scenario whose server
 * must start from nothing (its own key encryption key, or traffic that would change what the other
 * scenarios rely on).
 */
final class ScenarioDatabase {

    private final String url;
    private final String username;
    private final String password;

    private ScenarioDatabase(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** The database every server process of this run uses unless a scenario gives it another. */
    static ScenarioDatabase shared() {
        Map<String, String> environment = TestInfrastructure.shared().serverEnvironment();
        String url = environment.get("SPRING_DATASOURCE_URL");
        if (url == null) {
            throw new IllegalStateException(
                    "the reliability suite needs PostgreSQL: set TEST_DATABASE_URL "
                            + "(reliability/run.sh does)");
        }
        return new ScenarioDatabase(
                url,
                environment.get("SPRING_DATASOURCE_USERNAME"),
                environment.get("SPRING_DATASOURCE_PASSWORD"));
    }

    /** A database named {@code <shared database>_<suffix>}, dropped and created anew. */
    static ScenarioDatabase fresh(String suffix) {
        ScenarioDatabase shared = shared();
        String server = shared.url.substring(0, shared.url.lastIndexOf('/') + 1);
        String name = shared.url.substring(shared.url.lastIndexOf('/') + 1) + "_" + suffix;
        try (Connection connection =
                        DriverManager.getConnection(
                                server + "postgres", shared.username, shared.password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + name, e);
        }
        return new ScenarioDatabase(server + name, shared.username, shared.password);
    }

    /** Environment variables that put a server process on this database. */
    Map<String, String> serverEnvironment() {
        return Map.of(
                "SPRING_DATASOURCE_URL",
                url,
                "SPRING_DATASOURCE_USERNAME",
                username,
                "SPRING_DATASOURCE_PASSWORD",
                password);
    }

    /** The single number a query answers (a count), with {@code ?} parameters bound in order. */
    long number(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }
}
