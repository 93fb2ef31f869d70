import { labelCells } from './table-labels';

describe('labelCells', () => {
  it('labels each body cell with its column header, for the stacked phone layout', () => {
    const root = document.createElement('div');
    root.innerHTML = `<table class="table"><thead><tr><th>Customer</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody><tr><td>Casey</td><td><button>Open</button></td></tr></tbody></table>`;
    labelCells(root);
    const cells = root.querySelectorAll('td');
    expect(cells[0].getAttribute('data-label')).toBe('Customer');
    expect(cells[1].getAttribute('data-label')).toBe('Actions');
  });
});
