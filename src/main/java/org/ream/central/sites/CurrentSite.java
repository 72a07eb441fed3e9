package org.ream.central.sites;

import jakarta.enterprise.context.RequestScoped;

/** The site whose signed request is being served; its id is null when it has not registered yet. */
@RequestScoped
public class CurrentSite {

    private String name;
    private Long id;

    void set(String name, Long id) {
        this.name = name;
        this.id = id;
    }

    public String name() {
        return name;
    }

    public Long id() {
        return id;
    }
}
