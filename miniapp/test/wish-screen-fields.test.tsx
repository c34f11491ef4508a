// 心愿审核 in Chromium logged 「TypeError: Cannot read properties of undefined (reading 'value')」: the title
// field mounted empty and got the submitted title right after, before Taro's H5 <taro-input-core> had loaded
// (its watchValue reads a ref that is not there yet). The fields now mount holding the text as submitted.
import { createElement, type ComponentProps } from 'react';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WishScreenPage from '../src/staff/pages/wish-screen/index';
import { claimsApi, officer } from './claims-fixtures';
import { json } from './support/fake-server';
import { resetParams, withParams } from './support/page';
import { loggedIn } from './support/session';
import { makeWish } from './wish-fixtures';

/** Every value the title field is rendered with, in order. */
const titleValues = vi.hoisted(() => [] as unknown[]);
vi.mock('../src/components/ui', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/components/ui')>();
  return {
    ...real,
    Input: (props: ComponentProps<typeof real.Input>) => {
      if (props.name === 'title') titleValues.push(props.value);
      return createElement(real.Input, props);
    },
  };
});

afterEach(resetParams);

describe('心愿审核: the editable title', () => {
  it('is rendered with the submitted title from its first render (never empty, then filled)', async () => {
    loggedIn(officer);
    withParams({ id: 'w1' });
    const wish = makeWish({ status: 'screening', viewer: 'officer', actions: ['approve', 'reject'], publishedAt: null, timeline: [], title: '给孩子买一个新书包' });
    claimsApi({ '/api/wishes/w1': () => json(200, wish) });
    render(<WishScreenPage />);
    await screen.findByTestId('wish-screen-title');
    expect(titleValues.length).toBeGreaterThan(0);
    expect(titleValues.every((v) => v === '给孩子买一个新书包')).toBe(true);
  });
});
