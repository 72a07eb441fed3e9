package org.ream.central.usersync.csv;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import org.ream.central.users.UserCsvFormat;
import org.ream.central.usersync.GroupPath;
import org.ream.central.validation.InvalidField;

/**
 * The file settings of a CSV synchronisation (manual 8.7.4).
 *
 * @param encoding          the file's encoding
 * @param delimiter         ";", ",", "|" or "TAB"; null (or "DEFAULT") for the general setting's delimiter
 * @param skipHeader        the first line is a header, not a user
 * @param importGroupsUnder "Import groups under this group": the file's groups and managed groups go under it; null for the root
 */
public record CsvSourceSettings(Charset encoding, String delimiter, boolean skipHeader, GroupPath importGroupsUnder) {

    public CsvSourceSettings {
        if (encoding == null) {
            throw new InvalidField("encoding", "the file's encoding is required");
        }
    }

    /**
     * From the settings' texts.
     *
     * @throws InvalidField naming "encoding", "delimiter" or "importGroupsUnder"
     */
    public static CsvSourceSettings of(String encoding, String delimiter, boolean skipHeader, String importGroupsUnder) {
        Charset charset;
        try {
            charset = Charset.forName(encoding == null ? "" : encoding.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new InvalidField("encoding", "unknown encoding '" + encoding + "'");
        }
        if (!isDefault(delimiter)) {
            try {
                UserCsvFormat.delimiterChar(delimiter);
            } catch (IllegalArgumentException e) {
                throw new InvalidField("delimiter", e.getMessage());
            }
        }
        GroupPath under = null;
        if (importGroupsUnder != null && !importGroupsUnder.isBlank()) {
            try {
                under = GroupPath.parse(importGroupsUnder);
            } catch (IllegalArgumentException e) {
                throw new InvalidField("importGroupsUnder", "'" + importGroupsUnder + "' is not a group path");
            }
        }
        return new CsvSourceSettings(charset, isDefault(delimiter) ? null : delimiter, skipHeader, under);
    }

    /** The delimiter to read with: this source's own, or the general setting's when it says "Default". */
    public String delimiterOr(String generalDelimiter) {
        return isDefault(delimiter) ? generalDelimiter : delimiter;
    }

    private static boolean isDefault(String delimiter) {
        return delimiter == null || delimiter.isEmpty() || delimiter.equalsIgnoreCase("DEFAULT");
    }
}
