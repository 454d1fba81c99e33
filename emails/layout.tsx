import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

const styles = {
  body: { backgroundColor: "#f3f2f1", fontFamily: "Arial, Helvetica, sans-serif", color: "#0b0c0c" },
  container: { backgroundColor: "#ffffff", padding: "24px", maxWidth: "600px" },
  heading: { fontSize: "22px", margin: "0 0 16px" },
  reference: { fontSize: "14px", color: "#505a5f", margin: "0 0 8px" },
  button: { backgroundColor: "#1d4ed8", color: "#ffffff", padding: "12px 20px", borderRadius: "4px", fontWeight: 700 },
  footer: { fontSize: "13px", color: "#505a5f" },
  quote: {
    margin: "0 0 12px",
    padding: "8px 12px",
    borderLeft: "4px solid #b1b4b6",
    backgroundColor: "#f8f8f8",
    whiteSpace: "pre-wrap" as const,
  },
};

export function EmailLayout(props: {
  preview: string;
  reference: string;
  heading: string;
  actionLabel: string;
  actionUrl: string;
  children: ReactNode;
}) {
  return (
    <Html lang="en-GB">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.reference}>Holdfast · {props.reference}</Text>
          <Heading as="h1" style={styles.heading}>
            {props.heading}
          </Heading>
          {props.children}
          <Section style={{ margin: "24px 0" }}>
            <Button href={props.actionUrl} style={styles.button}>
              {props.actionLabel}
            </Button>
          </Section>
          <Hr />
          <Text style={styles.footer}>
            You are receiving this because of your role in your organisation's social media
            procedure. Reply in Holdfast, not to this email, so that everything is recorded.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** A labelled fact, e.g. "Account: @council". */
export function Fact(props: { label: string; value: string }) {
  return (
    <Text style={{ margin: "0 0 6px" }}>
      <strong>{props.label}:</strong> {props.value}
    </Text>
  );
}

/** A labelled passage quoted in full, e.g. a holding statement or a draft, with its line breaks kept. */
export function Quote(props: { label: string; text: string }) {
  return (
    <>
      <Text style={{ margin: "12px 0 4px" }}>
        <strong>{props.label}:</strong>
      </Text>
      <Text style={styles.quote}>{props.text}</Text>
    </>
  );
}

/** A labelled list, e.g. the tasks of a crisis plan; says so plainly when there is nothing in it. */
export function FactList(props: { label: string; items: string[]; empty: string }) {
  return (
    <>
      <Text style={{ margin: "12px 0 4px" }}>
        <strong>{props.label}:</strong>
        {props.items.length === 0 ? ` ${props.empty}` : null}
      </Text>
      {props.items.length > 0 ? (
        <ul style={{ margin: "0 0 12px", paddingLeft: "20px" }}>
          {props.items.map((item, index) => (
            <li key={index} style={{ margin: "0 0 4px" }}>
              {item}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
