package dev.rooms.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The POM a bot's build reads is the one the flatten plugin writes (process-resources, so before these tests):
 * it must stand alone and claim nothing of Spring Boot's, whose parent this repository's build inherits.
 */
class FlattenedPomTest {

    private static final Path FLATTENED = Path.of("target", ".flattened-pom.xml");

    @Test
    void publishedPomHasNoParentAndNamesNoLicenceInheritedFromSpringBoot() throws Exception {
        assertThat(FLATTENED).as("written by flatten-maven-plugin; run the tests through Maven").exists();

        Document pom = parse(FLATTENED);
        String text = Files.readString(FLATTENED);

        assertThat(pom.getElementsByTagName("parent").getLength()).isZero();
        assertThat(text).doesNotContainIgnoringCase("apache license").doesNotContainIgnoringCase("spring");
        NodeList licences = pom.getElementsByTagName("license");
        assertThat(licences.getLength()).isEqualTo(1);
        assertThat(child((Element) licences.item(0), "name")).startsWith("None granted");
    }

    @Test
    void everyDependencyOfThePublishedPomHasItsVersionWrittenOut() throws Exception {
        NodeList dependencies = parse(FLATTENED).getElementsByTagName("dependency");

        assertThat(dependencies.getLength()).isPositive();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            assertThat(child(dependency, "version")).as(child(dependency, "artifactId")).isNotBlank()
                    .doesNotContain("${");
        }
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String child(Element parent, String name) {
        NodeList children = parent.getElementsByTagName(name);
        return children.getLength() == 0 ? "" : children.item(0).getTextContent().trim();
    }
}
