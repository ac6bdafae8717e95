package org.nodeprocessexporter.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmlRpcTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/supervisord");

    private static Object parse(String xml) throws Exception {
        return new XmlRpc().response(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String response(String value) {
        return "<?xml version='1.0'?>\n<methodResponse><params><param><value>" + value
                + "</value></param></params></methodResponse>";
    }

    @Test
    void supervisordsAnswerBecomesAListOfStructs() throws Exception {
        Object result = new XmlRpc().response(Files.readAllBytes(FIXTURES.resolve("getAllProcessInfo.xml")));
        assertThat(result).asList().hasSize(2);
        Map<?, ?> idle = (Map<?, ?>) ((List<?>) result).get(0);
        assertThat(idle.get("name")).isEqualTo("idle");
        assertThat(idle.get("statename")).isEqualTo("STOPPED");
        assertThat(idle.get("state")).isEqualTo(0L);
        assertThat(idle.get("spawnerr")).isEqualTo("");
        Map<?, ?> runner = (Map<?, ?>) ((List<?>) result).get(1);
        assertThat(runner.get("group")).isEqualTo("runner");
        assertThat(runner.get("state")).isEqualTo(20L);
        assertThat((Long) runner.get("start")).isPositive();
        assertThat(runner.keySet()).asString().contains("pid").contains("exitstatus").contains("description").contains("stdout_logfile");
    }

    @Test
    void aFaultIsAnExceptionWithItsCodeAndString() {
        assertThatThrownBy(() -> new XmlRpc().response(Files.readAllBytes(FIXTURES.resolve("fault.xml"))))
                .isInstanceOf(XmlRpc.XmlRpcException.class).hasMessage("fault: 10 BAD_NAME: nosuch");
    }

    @Test
    void everyTypeOfTheSpecification() throws Exception {
        assertThat(parse(response("plain text"))).isEqualTo("plain text");
        assertThat(parse(response(""))).isEqualTo("");
        assertThat(parse(response("<i4> -7 </i4>"))).isEqualTo(-7L);
        assertThat(parse(response("<i8>9007199254740993</i8>"))).isEqualTo(9007199254740993L);
        assertThat(parse(response("<double>1.5</double>"))).isEqualTo(1.5);
        assertThat(parse(response("<boolean>1</boolean>"))).isEqualTo(true);
        assertThat(parse(response("<boolean>0</boolean>"))).isEqualTo(false);
        assertThat(parse(response("<nil/>"))).isNull();
        assertThat(parse(response("<string>a &amp; &lt;b&gt; <![CDATA[<c>]]></string>"))).isEqualTo("a & <b> <c>");
        assertThat(parse(response("<array><data><value>x</value><value><array><data/></array></value></data></array>")))
                .isEqualTo(List.of("x", List.of()));
        assertThat(parse(response("<struct>\n <member><name>a</name><value><int>1</int></value></member>\n</struct>")))
                .isEqualTo(Map.of("a", 1L));
    }

    @Test
    void notXmlRpcIsAnExceptionNamingWhatIsMissing() {
        assertThatThrownBy(() -> parse("<methodResponse><params></params></methodResponse>"))
                .isInstanceOf(XmlRpc.XmlRpcException.class).hasMessage("invalid response: missing param");
        assertThatThrownBy(() -> parse("<html><body>Not Found</body></html>"))
                .hasMessage("invalid response: missing methodResponse");
        assertThatThrownBy(() -> parse(response("<boolean>2</boolean>"))).hasMessageContaining("invalid boolean");
        assertThatThrownBy(() -> parse(response("<int>x</int>"))).isInstanceOf(XmlRpc.XmlRpcException.class);
        assertThatThrownBy(() -> parse(response("<date>now</date>"))).hasMessageContaining("unknown type date");
    }

    /** No DTD: an external entity is never fetched, and no entity is ever expanded. */
    @Test
    void entitiesAreNeverResolved(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "TOP SECRET");
        String external = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + response("<string>&x;</string>").substring(response("").indexOf("<methodResponse>"));
        assertThatThrownBy(() -> parse(external)).isInstanceOf(XmlRpc.XmlRpcException.class)
                .hasMessageNotContaining("TOP SECRET");
        String internal = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
                + response("<string>&b;</string>").substring(response("").indexOf("<methodResponse>"));
        assertThatThrownBy(() -> parse(internal)).isInstanceOf(XmlRpc.XmlRpcException.class);
    }

    @Test
    void theCallIsUpstreamsRequestBody() {
        assertThat(new String(XmlRpc.call("supervisor.getAllProcessInfo"), StandardCharsets.UTF_8)).isEqualTo(
                "<?xml version=\"1.0\"?><methodCall><methodName>supervisor.getAllProcessInfo</methodName>"
                        + "<params></params></methodCall>");
    }

    /** Any cut of supervisord's answer, and any byte changed in it, is a value or the documented exception. */
    @Property(tries = 500)
    void truncatedOrGarbledAnswersNeverThrowAnythingElse(@ForAll @IntRange(min = 0, max = 2600) int cut,
                                                         @ForAll @IntRange(min = 0, max = 2600) int at,
                                                         @ForAll byte garbage) throws Exception {
        byte[] full = Files.readAllBytes(FIXTURES.resolve("getAllProcessInfo.xml"));
        byte[] body = Arrays.copyOf(full, Math.min(cut, full.length));
        if (at < body.length) {
            body[at] = garbage;
        }
        try {
            new XmlRpc().response(body);
        } catch (XmlRpc.XmlRpcException e) {
            assertThat(e.getMessage()).isNotEmpty();
        }
    }
}
