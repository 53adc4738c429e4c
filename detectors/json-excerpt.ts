/**
 * Evidence excerpts that do not depend on how the text was split. While a piece is being read, the
 * last {@link EXCERPT_SPAN} units before it are kept from earlier pieces (in a {@link TextTail},
 * which always retains at least its capacity), so any range that ends inside the current piece and
 * spans at most {@link EXCERPT_SPAN} units can be cut out exactly.
 */
import { MAX_EVIDENCE_LENGTH } from '../src/finding.js';
import { TextTail } from './support.js';

/** Longest excerpt, in UTF-16 units: the evidence limit of a finding. */
export const EXCERPT_SPAN = MAX_EVIDENCE_LENGTH;

/** The current piece plus a bounded tail of the text before it. */
export class ExcerptWindow {
  private readonly tail = new TextTail(EXCERPT_SPAN);
  private piece = '';
  private pieceOffset = 0;

  /** A piece starts being read. */
  begin(piece: string, offset: number): void {
    this.piece = piece;
    this.pieceOffset = offset;
  }

  /** The piece has been read: keep its end for later excerpts. */
  finish(): void {
    this.tail.append(this.piece, this.pieceOffset);
    this.piece = '';
  }

  /**
   * The text between absolute offsets, cut to its last {@link EXCERPT_SPAN} units (without a lone
   * low surrogate at the front). `end` must not lie beyond the current piece.
   */
  excerpt(start: number, end: number): string {
    const from = Math.max(start, end - EXCERPT_SPAN);
    const before = from < this.pieceOffset ? this.tail.slice(from, this.pieceOffset) : '';
    const inside = this.piece.slice(
      Math.max(0, from - this.pieceOffset),
      Math.max(0, end - this.pieceOffset),
    );
    const text = before + inside;
    const first = text.charCodeAt(0);
    return first >= 0xdc00 && first <= 0xdfff && from > start ? text.slice(1) : text;
  }

  /** Forget everything. */
  reset(): void {
    this.tail.reset();
    this.piece = '';
    this.pieceOffset = 0;
  }
}
