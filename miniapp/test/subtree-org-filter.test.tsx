import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { SUBTREE_ORG_TEXT, SubtreeOrgFilter } from '../src/staff/components/subtree-org-filter';
import { answerOf, fakeServer, json } from './support/fake-server';
import { typeInto } from './support/page';

const node = (id: string, code: string, name: string, parentId: string | null, active = true) => ({
  id, code, name, level: parentId ? 'enterprise' : 'district', parentId, depth: parentId ? 2 : 1, autoApprove: false, catchAll: false, isMediationCentre: false, active, mediationWorkdays: null,
});
const SUBTREE = [
  node('sm', 'XM-SM', '思明区总工会', null),
  node('mt', 'XM-SM-MT', '美团思明站点工会', 'sm'),
  node('sf', 'XM-SM-SF', '顺丰思明分部工会', 'sm'),
  node('old', 'XM-SM-OLD', '美团旧站点工会', 'sm', false),
];

function Harness({ rootCode = 'XM-SM' }: { rootCode?: string | null }) {
  const [value, setValue] = useState<string | null>(null);
  return (
    <>
      <SubtreeOrgFilter rootCode={rootCode} value={value} onChange={setValue} label='承办工会（含下级）' testId='org' />
      <span data-testid='value'>{value ?? 'all'}</span>
    </>
  );
}

describe('SubtreeOrgFilter (the ledger and dashboard org filter)', () => {
  it('searches only the officer\'s own active subtree, read once; never the public org search', async () => {
    const server = fakeServer((req) => (req.url.includes('/subtree') ? json(200, SUBTREE) : json(500, {})));
    const { container } = render(<Harness />);
    expect((await screen.findByText(SUBTREE_ORG_TEXT.hint(3))).textContent).toBe('共 3 个工会（含下级），输入名称中的几个字即可找到');
    typeInto(container, 'org-picker', '美团');
    await screen.findByTestId('org-picker-item-XM-SM-MT');
    // the inactive 美团旧站点工会 is not offered; the parent is named from the subtree
    expect(screen.queryByTestId('org-picker-item-XM-SM-OLD')).toBeNull();
    expect(screen.getByTestId('org-picker-item-XM-SM-MT').textContent).toContain('上级：思明区总工会');
    typeInto(container, 'org-picker', '湖里');
    expect((await screen.findByTestId('org-picker-empty')).textContent).toBe(SUBTREE_ORG_TEXT.empty('湖里'));
    typeInto(container, 'org-picker', 'sm-sf');
    await screen.findByTestId('org-picker-item-XM-SM-SF');
    expect(server.to('/api/orgs/XM-SM/subtree')).toHaveLength(1);
    expect(server.requests.filter((r) => !r.url.includes('/subtree'))).toHaveLength(0);
  });

  it('a picked org shows by name with a way back to the whole subtree', async () => {
    fakeServer(() => json(200, SUBTREE));
    const { container } = render(<Harness />);
    await screen.findByTestId('org-picker');
    typeInto(container, 'org-picker', '顺丰');
    fireEvent.click(await screen.findByTestId('org-picker-item-XM-SM-SF'));
    expect(screen.getByTestId('value').textContent).toBe('XM-SM-SF');
    expect(screen.getByTestId('org-chosen').textContent).toBe('顺丰思明分部工会');
    expect(screen.queryByTestId('org-picker')).toBeNull();
    fireEvent.click(screen.getByTestId('org-clear'));
    expect(screen.getByTestId('value').textContent).toBe('all');
    expect(await screen.findByTestId('org-picker')).toBeTruthy();
  });

  it('shows nothing for an org without subordinates, or without a root', async () => {
    const server = fakeServer(() => json(200, [SUBTREE[0]]));
    const { container, rerender } = render(<Harness />);
    await waitFor(() => expect(server.requests).toHaveLength(1));
    await act(() => answerOf(server, '/api/orgs/XM-SM/subtree'));
    expect(container.querySelector('[data-testid=org]')).toBeNull();
    rerender(<Harness rootCode={null} />);
    expect(container.querySelector('[data-testid=org]')).toBeNull();
  });
});
