package org.ream.central.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/bi-views.md describes every view and every field the databases have (BiViewsTest checks the databases against BiViews). */
class BiViewsDocTest {

    @Test
    void everyViewHasItsSectionAndEveryFieldIsDescribed() throws Exception {
        String doc = Files.readString(Path.of("docs/bi-views.md"));
        for (Map.Entry<String, List<String>> view : BiViews.columns().entrySet()) {
            String name = view.getKey();
            int at = doc.toUpperCase(Locale.ROOT).indexOf("### `" + (name.startsWith("V_TONERS") ? "FACT_TONER_REPLACEMENTS" : name) + "`");
            assertThat(at).as("a section for %s", name).isPositive();
            int end = doc.indexOf("\n### ", at + 4);
            String section = doc.substring(at, end < 0 ? doc.length() : end);
            if (name.startsWith("V_TONERS")) {
                assertThat(section).contains("`" + name + "`");
            }
            for (String column : view.getValue()) {
                assertThat(section).as("%s.%s described", name, column).contains("`" + column + "`");
            }
        }
    }
}
