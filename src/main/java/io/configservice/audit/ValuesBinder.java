package io.configservice.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Binds the parameters of a {@code VALUES} list of rows to be written, wherever the list stands in
 * the statement: the statements that hash the rows and that insert them place it differently.
 */
@FunctionalInterface
public interface ValuesBinder {

    /** Binds the list's parameters, the first of them at index {@code offset + 1}. */
    void bind(PreparedStatement ps, int offset) throws SQLException;
}
