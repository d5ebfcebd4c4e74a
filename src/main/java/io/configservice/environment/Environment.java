package io.configservice.environment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A deployment environment configurations live in (table {@code environments}). */
@Entity
@Table(name = "environments")
class Environment {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    protected Environment() {
        this.id = "";
        this.name = "";
    }

    String id() {
        return id;
    }

    boolean active() {
        return active;
    }
}
