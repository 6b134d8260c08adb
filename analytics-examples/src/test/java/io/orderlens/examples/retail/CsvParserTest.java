package io.orderlens.examples.retail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParserTest {

    private static List<List<String>> parse(String text) {
        CsvParser p = new CsvParser(new StringReader(text));
        List<List<String>> out = new ArrayList<>();
        for (List<String> r = p.next(); r != null; r = p.next()) {
            out.add(r);
        }
        return out;
    }

    @Test
    void quotedFieldsKeepCommasAndDoubledQuotesBecomeOne() {
        assertThat(parse("a,\"AIRLINE LOUNGE,METAL SIGN\",\"RECORD FRAME 7\"\" SINGLE\",\n"))
                .containsExactly(List.of("a", "AIRLINE LOUNGE,METAL SIGN", "RECORD FRAME 7\" SINGLE", ""));
    }

    @Test
    void emptyQuotedFieldIsEmpty() {
        assertThat(parse("\"\",x\n")).containsExactly(List.of("", "x"));
    }

    @Test
    void lineBreakInsideQuotesIsDataAndTheRecordKeepsItsStartingLine() {
        CsvParser p = new CsvParser(new StringReader("h\n\"two\nlines\",b\nlast,c"));
        assertThat(p.next()).containsExactly("h");
        assertThat(p.next()).containsExactly("two\nlines", "b");
        assertThat(p.recordLine()).isEqualTo(2);
        assertThat(p.next()).containsExactly("last", "c");
        assertThat(p.recordLine()).isEqualTo(4);
        assertThat(p.next()).isNull();
    }

    @Test
    void crLfEndsARecordLikeLf() {
        assertThat(parse("a,b\r\nc,\"d\"\r\n")).containsExactly(List.of("a", "b"), List.of("c", "d"));
    }

    @Test
    void emptyInputHasNoRecords() {
        assertThat(parse("")).isEmpty();
    }

    @Test
    void quoteInsideAnUnquotedFieldIsRejectedWithItsLine() {
        assertThatThrownBy(() -> parse("a,b\nc,d\"e\n"))
                .isInstanceOf(RetailFormatException.class)
                .hasMessage("line 2: a quote inside an unquoted field (field 2); quote the whole field and double "
                        + "inner quotes");
    }

    @Test
    void textAfterAClosingQuoteIsRejected() {
        assertThatThrownBy(() -> parse("\"abc\"x,1\n"))
                .isInstanceOf(RetailFormatException.class)
                .hasMessageStartingWith("line 1: text after the closing quote");
    }

    @Test
    void unterminatedQuoteIsRejectedAtTheLineItStarts() {
        assertThatThrownBy(() -> parse("a\nb,\"never\nclosed\n"))
                .isInstanceOf(RetailFormatException.class)
                .hasMessage("line 2: a quoted field that is never closed")
                .extracting(e -> ((RetailFormatException) e).line())
                .isEqualTo(2L);
    }

    @Test
    void loneCarriageReturnIsRejected() {
        assertThatThrownBy(() -> parse("a\rb\n"))
                .isInstanceOf(RetailFormatException.class)
                .hasMessageContaining("carriage return");
    }
}
