package org.ream.central.usersync.ldap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which LDAP attribute (or %attribute% template) gives each Ream user property; unmapped properties are left as they are. */
public final class PropertyMapping {

    private final Map<UserProperty, AttributeTemplate> templates;

    private PropertyMapping(Map<UserProperty, AttributeTemplate> templates) {
        this.templates = Collections.unmodifiableMap(new EnumMap<>(templates));
    }

    /**
     * The mapping from the settings' texts; a blank or absent text leaves the property unmapped.
     *
     * @throws InvalidLdapSyncSettings naming the property whose text is malformed, or userName when it is not mapped
     */
    public static PropertyMapping parse(Map<UserProperty, String> settings) {
        Map<UserProperty, AttributeTemplate> t = new EnumMap<>(UserProperty.class);
        settings.forEach((property, text) -> {
            if (text != null && !text.isBlank()) {
                t.put(property, AttributeTemplate.parse(property.field(), text));
            }
        });
        if (!t.containsKey(UserProperty.USER_NAME)) {
            throw new InvalidLdapSyncSettings(UserProperty.USER_NAME.field(), "the user name must be mapped to an attribute");
        }
        return new PropertyMapping(t);
    }

    /** Active Directory's usual attributes (the manual's defaults: account name and cn). */
    public static PropertyMapping activeDirectory() {
        return parse(Map.of(UserProperty.USER_NAME, "sAMAccountName", UserProperty.FULL_NAME, "cn", UserProperty.EMAIL, "mail",
                UserProperty.PHONE, "telephoneNumber"));
    }

    /** OpenLDAP's usual attributes (inetOrgPerson). */
    public static PropertyMapping openLdap() {
        return parse(Map.of(UserProperty.USER_NAME, "uid", UserProperty.FULL_NAME, "cn", UserProperty.EMAIL, "mail", UserProperty.PHONE,
                "telephoneNumber", UserProperty.LANGUAGE, "preferredLanguage"));
    }

    public Optional<AttributeTemplate> template(UserProperty property) {
        return Optional.ofNullable(templates.get(property));
    }

    /** The values of the property for an entry: every value for multi-valued properties, at most one otherwise. */
    public List<String> values(UserProperty property, LdapEntry entry) {
        AttributeTemplate t = templates.get(property);
        if (t == null) {
            return List.of();
        }
        List<String> v = t.values(entry);
        return property.multiValued() || v.size() <= 1 ? v : v.subList(0, 1);
    }

    /** The single value of the property; null when unmapped or the entry has no value. */
    public String value(UserProperty property, LdapEntry entry) {
        List<String> v = values(property, entry);
        return v.isEmpty() ? null : v.get(0);
    }

    /** Every attribute the mapping reads, for the search request. */
    public Set<String> attributes() {
        Set<String> names = new LinkedHashSet<>();
        templates.values().forEach(t -> names.addAll(t.attributes()));
        return names;
    }

    public Map<UserProperty, AttributeTemplate> templates() {
        return templates;
    }

    @Override
    public String toString() {
        List<String> s = new ArrayList<>();
        templates.forEach((p, t) -> s.add(p.field() + "=" + t));
        return "PropertyMapping" + s;
    }
}
