package org.ream.central.usersync.source;

import org.ream.central.authserver.LdapSettings.LdapType;

/** Where a directory keeps the immutable id of an entry, and how it is written as text. */
public enum LdapIdAttribute {
    /** RFC 4530 entryUUID, text: OpenLDAP, eDirectory, Domino, Google Workspace. */
    ENTRY_UUID("entryUUID"),
    /** Active Directory and Azure AD DS: 16 bytes, written as the UUID AD shows (first three fields little-endian). */
    OBJECT_GUID("objectGUID");

    private final String attribute;

    LdapIdAttribute(String attribute) {
        this.attribute = attribute;
    }

    public String attribute() {
        return attribute;
    }

    public static LdapIdAttribute forType(LdapType type) {
        return type == LdapType.ACTIVE_DIRECTORY ? OBJECT_GUID : ENTRY_UUID;
    }

    /** objectGUID bytes as AD writes them: {33221100-5544-7766-8899-aabbccddeeff} for bytes 00 11 22 ... ff (without braces). */
    public static String guidToString(byte[] b) {
        if (b == null || b.length != 16) {
            return null;
        }
        return String.format("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6],
                b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    }
}
