package io.configservice.persistence;

/** Limits of a stored configuration document that code on both sides of the web layer needs. */
public final class DocumentLimits {

    /**
     * The default of {@code configservice.max-document-depth}, and the fixed nesting limit of the
     * parsers that cannot read the setting (YAML and .properties import): a deeper document would
     * be refused when stored anyway.
     */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private DocumentLimits() {}
}
