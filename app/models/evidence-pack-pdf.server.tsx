import { Document, Font, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { EvidencePack } from "./evidence-pack.server";

/**
 * The evidence pack as a PDF, drawn on the server with @react-pdf/renderer. Only the PDF
 * standard fonts (Helvetica, Courier) are used: nothing is loaded from the network or disk.
 */

// Never hyphenate: a hash or a file name broken with a hyphen could not be copied and checked.
Font.registerHyphenationCallback((word) => [word]);

const styles = StyleSheet.create({
  page: { fontFamily: "Helvetica", fontSize: 9.5, paddingVertical: 40, paddingHorizontal: 40, lineHeight: 1.35 },
  h1: { fontFamily: "Helvetica-Bold", fontSize: 16, marginBottom: 4 },
  h2: { fontFamily: "Helvetica-Bold", fontSize: 12.5, marginTop: 16, marginBottom: 6 },
  note: { borderWidth: 1, borderColor: "#444444", padding: 8, marginVertical: 8 },
  bold: { fontFamily: "Helvetica-Bold" },
  mono: { fontFamily: "Courier", fontSize: 8 },
  row: { flexDirection: "row", marginBottom: 2 },
  term: { width: 110, fontFamily: "Helvetica-Bold" },
  definition: { flex: 1 },
  item: { marginBottom: 7 },
  muted: { color: "#444444" },
  footer: { position: "absolute", bottom: 20, left: 40, right: 40, fontSize: 8, color: "#444444" },
});

/** "2026-11-23 14:05:02 UTC": precise to the second, in one unambiguous zone. */
export function packTime(iso: string): string {
  return iso.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
}

function Fact({ term, children }: { term: string; children: string }) {
  return (
    <View style={styles.row}>
      <Text style={styles.term}>{term}</Text>
      <Text style={styles.definition}>{children}</Text>
    </View>
  );
}

export function EvidencePackDocument({ pack }: { pack: EvidencePack }) {
  const { incident } = pack;
  return (
    <Document title={`${incident.reference} evidence pack`} author="Holdfast" subject={incident.title} creator="Holdfast" producer="Holdfast">
      <Page size="A4" style={styles.page}>
        <Text style={styles.h1}>Evidence pack {incident.reference}</Text>
        <Text style={styles.muted}>
          Made by Holdfast for {pack.generatedBy} at {packTime(pack.generatedAt)}. All times are in UTC.
        </Text>

        <View style={styles.note}>
          <Text style={styles.bold}>How to check a file</Text>
          <Text>
            Each file below is listed with its SHA-256 hash, taken as it arrived. To check that a copy is the same file, compute its SHA-256 with any
            tool and compare it with the hash printed here, every character:
          </Text>
          <Text style={styles.mono}>  sha256sum file                       (Linux, macOS: shasum -a 256 file)</Text>
          <Text style={styles.mono}>  certutil -hashfile file SHA256       (Windows)</Text>
          <Text>
            The ZIP of the original files holds manifest.sha256: run sha256sum -c manifest.sha256 in its folder to check every file at once. Each
            timeline event carries the hash of its record chained to the one before, so no event can be changed or removed unnoticed.
          </Text>
        </View>

        <Text style={styles.h2}>The incident</Text>
        <Fact term="Reference">{incident.reference}</Fact>
        <Fact term="Path">{incident.kindTitle}</Fact>
        <Fact term="Title">{incident.title}</Fact>
        <Fact term="Reported by">{incident.reporterName}</Fact>
        <Fact term="Reported at">{packTime(incident.reportedAt)}</Fact>
        <Fact term="Current step">{incident.currentStep}</Fact>

        <Text style={styles.h2}>Evidence files ({String(pack.files.length)})</Text>
        {pack.files.length === 0 ? <Text>No files have been added.</Text> : null}
        {pack.files.map((file) => (
          <View key={file.id} style={styles.item} wrap={false}>
            <Text style={styles.bold}>
              File {String(file.id)}: {file.originalName}
            </Text>
            <Text>
              {String(file.sizeBytes)} bytes, {file.mediaType}, received {packTime(file.receivedAt)} from {file.uploadedByName}
            </Text>
            <Text>In the ZIP: {file.zipPath}</Text>
            <Text style={styles.mono}>SHA-256 {file.sha256}</Text>
          </View>
        ))}

        <Text style={styles.h2}>Timeline ({String(pack.timeline.length)} events)</Text>
        {pack.timeline.map((event) => (
          <View key={event.sequence} style={styles.item} wrap={false}>
            <Text>
              <Text style={styles.bold}>
                {String(event.sequence)}. {event.label}
              </Text>{" "}
              by {event.actorName ?? "Holdfast (automatic)"}, {packTime(event.at)}
              {event.stepTitle ? `, step: ${event.stepTitle}` : ""}
            </Text>
            {event.outcome ? <Text>{event.outcome}</Text> : null}
            <Text style={styles.mono}>hash {event.hash}</Text>
          </View>
        ))}

        <Text style={styles.h2}>Chain of custody ({String(pack.custody.length)} entries)</Text>
        <Text style={[styles.muted, { marginBottom: 4 }]}>Every time someone viewed or downloaded this incident's evidence, including this pack.</Text>
        {pack.custody.map((entry) => (
          <Text key={entry.id} style={{ marginBottom: 2 }}>
            {packTime(entry.at)}: {entry.label}
            {entry.fileName ? ` (file ${String(entry.evidenceFileId)}: ${entry.fileName})` : ""} by {entry.personName}
          </Text>
        ))}

        <Text style={styles.footer} render={({ pageNumber, totalPages }) => `${incident.reference} evidence pack · page ${pageNumber} of ${totalPages}`} fixed />
      </Page>
    </Document>
  );
}

export function renderEvidencePackPdf(pack: EvidencePack): Promise<Buffer> {
  return renderToBuffer(<EvidencePackDocument pack={pack} />);
}
