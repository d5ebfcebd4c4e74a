package io.configservice.client.boot;

import org.springframework.boot.origin.Origin;

/**
 * Where a property came from: {@code config service http://…/orders/production revision 7, path
 * db.pool.size}.
 */
record ConfigServiceOrigin(String source, long revision, String path) implements Origin {

    @Override
    public String toString() {
        return "config service " + source + " revision " + revision + ", path " + path;
    }
}
