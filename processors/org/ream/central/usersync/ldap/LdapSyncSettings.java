package org.ream.central.usersync.ldap;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ream.central.usersync.GroupPath;
import org.ream.central.validation.InvalidField;

/**
 * The Users and Groups tabs of an LDAP (or Azure AD) source as stored in its settings (keys
 * {@code mapping.*}, {@code filters}, {@code groups.*}), turned into the rules that map entries.
 * Every refusal names the settings field, so the web form marks it.
 */
public record LdapSyncSettings(PropertyMapping mapping, FilterLines filters, GroupRules groups) {

    /** @param defaults the mapping used when the source maps no property (by server type) */
    public static LdapSyncSettings from(Map<String, ?> config, Supplier<PropertyMapping> defaults) {
        Map<?, ?> m = config.get("mapping") instanceof Map<?, ?> x ? x : Map.of();
        Map<UserProperty, String> texts = new EnumMap<>(UserProperty.class);
        for (UserProperty p : UserProperty.values()) {
            Object v = m.get(p.field());
            if (v != null && !v.toString().isBlank()) {
                texts.put(p, v.toString().strip());
            }
        }
        PropertyMapping mapping = texts.isEmpty() ? defaults.get() : field("mapping.", () -> PropertyMapping.parse(texts));
        Object f = config.get("filters");
        String filterText = f instanceof List<?> lines ? String.join("\n", lines.stream().map(String::valueOf).toList()) : f == null ? "" : f.toString();
        FilterLines filters = filterText.isBlank() ? FilterLines.none() : FilterLines.parse("filters", filterText);
        Map<?, ?> g = config.get("groups") instanceof Map<?, ?> x ? x : Map.of();
        return new LdapSyncSettings(mapping, filters, groupRules(g));
    }

    static GroupRules groupRules(Map<?, ?> g) {
        boolean makeDefault = bool(g, "makeDefault");
        String under = text(g, "importUnder");
        GroupPath importUnder = under.isEmpty() ? null : field("groups.importUnder", () -> GroupPath.parse(under));
        String attr = text(g, "fromAttribute");
        GroupRules.AttributeGroup fromAttribute = attr.isEmpty() ? null : field("groups.fromAttribute", () -> GroupRules.AttributeGroup.parse(attr, makeDefault));
        int ouIndex = number(g, "ouIndex");
        GroupRules.DnGroup fromDn = ouIndex <= 0 ? null : field("groups.ouIndex", () -> new GroupRules.DnGroup(ouIndex, makeDefault));
        GroupRules.DnTreeGroup tree = !bool(g, "treeFromDn") ? null
                : field("groups.removeLeft", () -> new GroupRules.DnTreeGroup(Math.max(1, number(g, "removeLeft")), Math.max(1, number(g, "removeRight")), makeDefault));
        String base = text(g, "memberOfBase");
        GroupRules.MemberOfGroups memberOf = null;
        if (!base.isEmpty()) {
            String filter = text(g, "memberOfFilter");
            FilterLines lines = filter.isEmpty() ? FilterLines.none() : FilterLines.parse("groups.memberOfFilter", filter);
            memberOf = field("groups.memberOfBase", () -> new GroupRules.MemberOfGroups(base, lines, bool(g, "importEmpty"), bool(g, "importTree")));
        }
        return new GroupRules(bool(g, "keepDefault"), importUnder, fromAttribute, fromDn, tree, memberOf);
    }

    /** Runs a rule's parser, renaming the field of its refusal to the settings field. */
    private static <T> T field(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidField e) {
            String name = field.endsWith(".") ? field + e.field() : field;
            throw new InvalidLdapSyncSettings(name, e.reason());
        } catch (IllegalArgumentException e) {
            throw new InvalidLdapSyncSettings(field.endsWith(".") ? field.substring(0, field.length() - 1) : field, String.valueOf(e.getMessage()));
        }
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : v.toString().strip();
    }

    private static boolean bool(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString().strip());
    }

    private static int number(Map<?, ?> m, String key) {
        String s = text(m, key);
        if (s.isEmpty() || s.equals("null")) {
            return 0;
        }
        try {
            return (int) Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidLdapSyncSettings("groups." + key, "must be a whole number");
        }
    }
}
