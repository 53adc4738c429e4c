import { describe, expect, it } from 'vitest';
import { pickObjectShape, SchemaShapes, shapesFor } from '../../detectors/schema-shape.js';

const orders = (shapes: SchemaShapes, node: unknown) =>
  shapes.resolve(node).objects.map((shape) => shape.order);

describe('SchemaShapes', () => {
  it('orders keys by propertyOrdering when present, else by declaration order', () => {
    const declared = { type: 'object', properties: { b: {}, a: {}, c: {} } };
    const ordered = { ...declared, propertyOrdering: ['c', 'a', 'b'] };
    const shapes = new SchemaShapes({});
    expect(orders(shapes, declared)).toEqual([['b', 'a', 'c']]);
    expect(orders(shapes, ordered)).toEqual([['c', 'a', 'b']]);
    expect(shapes.resolve(ordered).objects[0]?.rank.get('a')).toBe(1);
  });

  it('ignores a propertyOrdering that is not a list of strings', () => {
    const shapes = new SchemaShapes({});
    expect(orders(shapes, { properties: { x: {}, y: {} }, propertyOrdering: ['y', 3] })).toEqual([
      ['x', 'y'],
    ]);
  });

  it('follows local $refs into $defs, definitions and the root', () => {
    const root = {
      $defs: { Person: { type: 'object', properties: { name: {}, friend: { $ref: '#' } } } },
      definitions: { Pet: { type: 'object', properties: { species: {}, age: {} } } },
      type: 'object',
      properties: { person: { $ref: '#/$defs/Person' }, pet: { $ref: '#/definitions/Pet' } },
    };
    const shapes = new SchemaShapes(root);
    const [top] = shapes.rootShapes.objects;
    if (!top) throw new Error('the root is an object schema');
    expect(orders(shapes, shapes.propertyOf(top, 'person'))).toEqual([['name', 'friend']]);
    expect(orders(shapes, shapes.propertyOf(top, 'pet'))).toEqual([['species', 'age']]);
    const person = shapes.resolve(shapes.propertyOf(top, 'person')).objects[0];
    if (!person) throw new Error('person is an object schema');
    expect(orders(shapes, shapes.propertyOf(person, 'friend'))).toEqual([['person', 'pet']]);
  });

  it('survives $ref cycles, dangling refs, remote refs and malformed pointers', () => {
    const root = {
      $defs: { A: { $ref: '#/$defs/B' }, B: { $ref: '#/$defs/A' } },
      anyOf: [
        { $ref: '#/$defs/A' },
        { $ref: '#/nowhere' },
        { $ref: 'https://example.com/s.json' },
        { $ref: '#/%E0' },
      ],
    };
    const shapes = new SchemaShapes(root);
    expect(shapes.rootShapes).toEqual({ objects: [], arrays: [] });
  });

  it('collects every object branch of anyOf and oneOf, and picks the one that declares the first key', () => {
    const node = {
      anyOf: [
        { type: 'object', properties: { q: {}, p: {} } },
        { oneOf: [{ type: 'object', properties: { z: {}, y: {} } }] },
        { type: 'string' },
      ],
    };
    const shapes = new SchemaShapes(node);
    const candidates = shapes.rootShapes.objects;
    expect(candidates.map((shape) => shape.order)).toEqual([
      ['q', 'p'],
      ['z', 'y'],
    ]);
    expect(pickObjectShape(candidates, 'y')?.order).toEqual(['z', 'y']);
    expect(pickObjectShape(candidates, 'unknown')?.order).toEqual(['q', 'p']);
    expect(pickObjectShape([], 'y')).toBeUndefined();
  });

  it('gives array items from prefixItems, draft-07 tuple items, and items', () => {
    const shapes = new SchemaShapes({});
    const modern = shapes.resolve({ type: 'array', prefixItems: [{ const: 0 }], items: { const: 1 } })
      .arrays[0];
    const tuple = shapes.resolve({ items: [{ const: 'a' }], additionalItems: { const: 'b' } }).arrays[0];
    if (!modern || !tuple) throw new Error('both are array schemas');
    expect([shapes.itemOf(modern, 0), shapes.itemOf(modern, 5)]).toEqual([{ const: 0 }, { const: 1 }]);
    expect([shapes.itemOf(tuple, 0), shapes.itemOf(tuple, 1)]).toEqual([{ const: 'a' }, { const: 'b' }]);
  });

  it('describes undeclared keys by additionalProperties when it is a schema', () => {
    const shapes = new SchemaShapes({});
    const open = shapes.resolve({
      type: 'object',
      properties: { a: {} },
      additionalProperties: { type: 'integer' },
    }).objects[0];
    const closed = shapes.resolve({ type: 'object', properties: { a: {} }, additionalProperties: false })
      .objects[0];
    if (!open || !closed) throw new Error('both are object schemas');
    expect(shapes.propertyOf(open, 'extra')).toEqual({ type: 'integer' });
    expect(shapes.propertyOf(closed, 'extra')).toBeUndefined();
    expect(shapes.propertyOf(open, 'a')).toEqual({});
  });

  it('knows a type list and nothing about non-schemas', () => {
    const shapes = new SchemaShapes({});
    expect(shapes.resolve({ type: ['object', 'null'] }).objects).toHaveLength(1);
    for (const node of [undefined, null, true, 'object', [{ type: 'object' }]]) {
      expect(shapes.resolve(node)).toEqual({ objects: [], arrays: [] });
    }
  });

  it('resolves deeply shared anyOf branches without blowing up, and shares object shapes', () => {
    let node: Record<string, unknown> = { type: 'object', properties: { b: {}, a: {} } };
    const leaf = node;
    for (let level = 0; level < 60; level++) node = { anyOf: [node, node] };
    const shapes = new SchemaShapes({ $defs: { leaf }, anyOf: [node, { $ref: '#/$defs/leaf' }] });
    const objects = shapes.rootShapes.objects;
    expect(objects).toHaveLength(1);
    expect(shapes.resolve(leaf).objects[0]).toBe(objects[0]);
  });

  it('reads each schema node once and shares navigators per schema', () => {
    const schema = { type: 'object', properties: { a: {} } };
    const shapes = shapesFor(schema);
    expect(shapesFor(schema)).toBe(shapes);
    expect(shapes.resolve(schema)).toBe(shapes.resolve(schema));
    expect(shapesFor(true).rootShapes.objects).toEqual([]);
  });
});
