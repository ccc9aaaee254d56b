// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { DagJson } from '../../../../src/api/index.js';
import { layoutDag } from './dag-layout.js';
import DagView from './DagView.js';
import { render } from './test-render.js';

const node = (id: string, name: string, successors: string[]) => ({
  id,
  atom_id: id,
  name,
  engine: 'docker' as const,
  image: 'alpine',
  successors,
});
const dag: DagJson = {
  job_id: 'j',
  nodes: [node('a', 'extract', ['b', 'c']), node('b', 'transform', ['d']), node('c', 'audit', ['d']), node('d', 'load', [])],
  edges: [
    { from: 'a', to: 'b' },
    { from: 'a', to: 'c' },
    { from: 'b', to: 'd' },
    { from: 'c', to: 'd' },
  ],
};

describe('the DAG layout', () => {
  it('puts every step after the steps it depends on, left to right', () => {
    const { steps } = layoutDag(dag);
    const x = Object.fromEntries(steps.map((s) => [s.name, s.x]));
    expect(x.extract).toBeLessThan(x.transform!);
    expect(x.transform).toBeLessThan(x.load!);
    expect(x.audit).toBeLessThan(x.load!);
  });
});

describe('the DAG view', () => {
  it('labels every step with its status, shows the legend, and follows new statuses (by task id, or by name)', () => {
    const { host, rerender } = render(<DagView dag={dag} statuses={{ a: 'succeeded', b: 'running' }} />);
    const labels = () => [...host.querySelectorAll('[aria-roledescription="node"]')].map((n) => n.getAttribute('aria-label'));
    expect(labels()).toEqual(['step extract: succeeded', 'step transform: running', 'step audit', 'step load']);
    expect(host.querySelector('[aria-label="Task status legend"]')?.textContent).toContain('cancelled');

    rerender(<DagView dag={dag} statuses={{ a: 'succeeded', b: 'failed', audit: 'skipped' }} />);
    expect(labels()).toEqual(['step extract: succeeded', 'step transform: failed', 'step audit: skipped', 'step load']);
    expect(host.querySelector('[data-status="failed"]')?.textContent).toContain('✗');
  });

  it('makes steps focusable and selects one with the keyboard or a click', () => {
    const picked: string[] = [];
    const { host } = render(<DagView dag={dag} onSelect={(n) => picked.push(n)} />);
    const step = (name: string) => host.querySelector<HTMLElement>(`[aria-label="step ${name}"]`)!;
    expect(step('audit').tabIndex).toBe(0);
    act(() => {
      step('audit').focus();
      step('audit').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    act(() => step('load').click());
    expect(picked).toEqual(['c', 'd']);
  });

  it('says so when the job has no steps', () => {
    const { host } = render(<DagView dag={{ job_id: 'j', nodes: [], edges: [] }} />);
    expect(host.textContent).toContain('no steps');
  });
});
