import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FormField } from '../src/components/form-field';
import { Input } from '../src/components/ui';
import { JoinForm, JOIN_TEXT } from '../src/pages/join/join-form';

// NutUI's Input shows 「请输入内容」 when a field has no placeholder of its own; that stock text was also the only
// accessible name of such fields (axe 'label' critical without it, e.g. the join form's 城市). The FormField's label
// now names its input, and the stock text is gone.
const STOCK = '请输入内容';
const placeholders = (root: HTMLElement) => [...root.querySelectorAll('input')].map((e) => e.getAttribute('placeholder'));

describe('text fields in a FormField', () => {
  it('are named by the field label and show no stock placeholder; an own placeholder or aria-label is kept', () => {
    const { container } = render(
      <>
        <FormField label='所在城市' testId='city'>
          <Input name='city' value='' onChange={() => undefined} />
        </FormField>
        <FormField label='单位名称' testId='employer'>
          <Input name='employer' value='' placeholder='例如：美团' onChange={() => undefined} />
        </FormField>
        <Input name='search' value='' aria-label='搜索驿站' onChange={() => undefined} />
      </>,
    );
    expect(screen.getByRole('textbox', { name: '所在城市' }).getAttribute('placeholder')).toBe('');
    expect(screen.getByRole('textbox', { name: '单位名称' }).getAttribute('placeholder')).toBe('例如：美团');
    expect(screen.getByRole('textbox', { name: '搜索驿站' }).getAttribute('name')).toBe('search');
    expect(placeholders(container)).not.toContain(STOCK);
  });

  it("the join form's 城市 (no placeholder of its own) is named 所在城市, and no field of the form shows 请输入内容", () => {
    const org = { code: 'XM-MT', name: '美团厦门骑手联合工会', level: 'enterprise', parentName: '思明区嘉莲街道总工会', autoApprove: true };
    const { container } = render(<JoinForm org={org as never} onSubmitted={() => undefined} />);
    const city = screen.getByRole('textbox', { name: JOIN_TEXT.city });
    expect(city.getAttribute('name')).toBe('city');
    expect(placeholders(container)).not.toContain(STOCK);
    // Every text field of the form has a name a screen reader reads out.
    for (const input of container.querySelectorAll('input:not([type=checkbox]):not([type=hidden])')) {
      expect(input.getAttribute('aria-label') || input.getAttribute('placeholder'), input.outerHTML).toBeTruthy();
    }
  });
});
