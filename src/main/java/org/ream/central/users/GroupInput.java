package org.ream.central.users;

/** The group panel (8.5): name, description and the parent group (null: a top-level group). */
public record GroupInput(String name, String description, Long parentId) {
}
