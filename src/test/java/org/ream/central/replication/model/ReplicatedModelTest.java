package org.ream.central.replication.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ream.central.replication.payload.PayloadException;
import org.ream.central.replication.payload.PayloadRecord;
import org.ream.central.replication.payload.RecordType;

/** How record fields become column values: kinds, defaults, cuts and refusals. */
class ReplicatedModelTest {

    static final Instant CREATED = Instant.parse("2026-11-25T22:00:01Z");

    static PayloadRecord record(RecordType type, String json) throws Exception {
        return new PayloadRecord(type, "x", (ObjectNode) new ObjectMapper().readTree(json), 7);
    }

    static Object value(RecordType type, String json, String column) throws Exception {
        ReplicatedTable t = ReplicatedModel.table(type);
        return t.values(record(type, json), CREATED)[t.indexOf(column)];
    }

    @Test
    void everyTypeHasATable() {
        for (RecordType t : RecordType.values()) {
            assertThat(ReplicatedModel.table(t)).as(t.name()).isNotNull();
        }
        assertThat(ReplicatedModel.table(RecordType.SESSION).userReference()).isTrue();
        assertThat(ReplicatedModel.table(RecordType.PRINTER).userReference()).isFalse();
    }

    @Test
    void sessionsTakeCountersPricesAndInstants() throws Exception {
        String s = "{\"start\":\"2026-11-25T08:00:00Z\",\"counters\":{\"printBw\":12,\"colorL2\":3},\"priceUser\":1.23456,\"username\":\"tom\"}";
        assertThat(value(RecordType.SESSION, s, "PRINT_BW")).isEqualTo(12L);
        assertThat(value(RecordType.SESSION, s, "COLOR_L2")).isEqualTo(3L);
        assertThat(value(RecordType.SESSION, s, "SCAN_PAGES")).isEqualTo(0L);
        assertThat(value(RecordType.SESSION, s, "PRICE_USER")).isEqualTo(new BigDecimal("1.2346"));
        assertThat(value(RecordType.SESSION, s, "PRICE_ADMIN")).isNull();
        assertThat(value(RecordType.SESSION, s, "STARTED_AT")).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(value(RecordType.SESSION, s, "USER_NAME")).isEqualTo("tom");
    }

    @Test
    void printersDefaultTheirStatusAndUpdateTimeAndCutLongText() throws Exception {
        String p = "{\"name\":\"" + "n".repeat(300) + "\",\"ip\":\"10.0.0.5\"}";
        assertThat(value(RecordType.PRINTER, p, "STATUS")).isEqualTo("ACTIVE");
        assertThat(value(RecordType.PRINTER, p, "UPDATED_AT")).isEqualTo(CREATED);
        assertThat((String) value(RecordType.PRINTER, p, "NAME")).hasSize(255);
        assertThat(ReplicatedModel.printerGroupIds(record(RecordType.PRINTER, "{\"groupIds\":[\"g1\",\"g2\",\"g1\"]}"))).containsExactly("g1", "g2");
    }

    @Test
    void refusesFieldsOfTheWrongKindNamingTheLine() {
        assertThatThrownBy(() -> value(RecordType.SESSION, "{\"counters\":{}}", "PRINT_BW")).isInstanceOf(PayloadException.class)
                .hasMessage("line 7: \"start\" is required");
        assertThatThrownBy(() -> value(RecordType.SESSION, "{\"start\":\"monday\"}", "PRINT_BW")).hasMessage("line 7: \"start\" is not an ISO-8601 instant");
        assertThatThrownBy(() -> value(RecordType.SESSION, "{\"start\":\"2026-11-25T08:00:00Z\",\"counters\":{\"scan\":-1}}", "SCAN_PAGES"))
                .hasMessageContaining("\"counters.scan\" is not a whole number of at least 0");
        assertThatThrownBy(() -> value(RecordType.SESSION, "{\"start\":\"2026-11-25T08:00:00Z\",\"priceUser\":\"1.0\"}", "PRICE_USER"))
                .hasMessageContaining("\"priceUser\" is not a number");
        assertThatThrownBy(() -> value(RecordType.PRINTER, "{\"name\":\"a\",\"priceListId\":\"" + "p".repeat(65) + "\"}", "NAME"))
                .hasMessageContaining("longer than 64");
        assertThatThrownBy(() -> ReplicatedModel.printerGroupIds(record(RecordType.PRINTER, "{\"groupIds\":\"g1\"}")))
                .hasMessageContaining("not a list");
    }
}
