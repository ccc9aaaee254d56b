/**
 * JUnit XML (`--reporter junit`): one `<testsuite>` for the session with
 * `tests`, `failures` and `time`, one `<testcase>` per scenario; a failed
 * scenario has one `<failure>` whose `message` holds every failure (joined
 * by "; ") and whose text lists them one per line.
 */
import type { HarnessReport, ScenarioResult } from '../result.js';
import type { HarnessReporter } from './reporter.js';
import { resultLines } from './text.js';
import { failedOutputLines } from './failed-output.js';
import { attrs, xmlText } from './xml.js';

/** The suite name in the report. */
const JUNIT_SUITE = 'caesium harness';

/** The JUnit document of a session. */
export function junitXml(report: HarnessReport): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite${attrs({ name: JUNIT_SUITE, tests: report.results.length, failures: report.failed, errors: 0, skipped: 0, time: seconds(report.durationMs), timestamp: report.startedAt })}>`,
  ];
  for (const result of report.results) lines.push(...testcase(result));
  lines.push('</testsuite>', '');
  return lines.join('\n');
}

function testcase(result: ScenarioResult): string[] {
  const { scenario, file, position } = result.scenario;
  const head = `  <testcase${attrs({ name: scenario.name, classname: file, file, line: position.line, time: seconds(result.durationMs) })}`;
  const messages = result.error !== undefined ? [result.error] : result.failures;
  const out: string[] = [];
  if (!result.passed) {
    const type = result.error !== undefined ? 'error' : 'assertion';
    out.push(
      `${head}>`,
      `    <failure${attrs({ message: messages.join('; '), type })}>${xmlText([...messages, ...failedOutputLines(result, '')].join('\n'))}</failure>`,
    );
  } else {
    out.push(`${head}>`);
  }
  const detail = result.passed
    ? resultLines(result, true)
        .slice(1)
        .map((l) => l.trim())
    : [];
  if (detail.length > 0) out.push(`    <system-out>${xmlText(detail.join('\n'))}</system-out>`);
  out.push('  </testcase>');
  return out;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Hands the whole document to `write` when the session ends. */
export function createJunitReporter(write: (text: string) => void | Promise<void>): HarnessReporter {
  return { name: 'junit', onEnd: (report) => write(junitXml(report)) };
}
