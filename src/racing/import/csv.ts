/**
 * A small streaming RFC-4180 CSV reader: a generator of records, each with the physical line
 * number it starts on, so every import error can name its line. No dependency needed for this.
 *
 *   season,driver,status            → line 1: ['season','driver','status']
 *   2024,"Stenhouse, Ricky Jr.",running   → line 2: ['2024','Stenhouse, Ricky Jr.','running']
 *   2024,"say ""hi""",running       → line 3: ['2024','say "hi"','running']
 *
 * Accepts LF or CRLF, a UTF-8 BOM, quoted fields spanning lines, and a missing final newline.
 * Blank lines are skipped. Malformed quoting yields an error record for that line and resumes
 * at the next line, so one bad line never hides the others.
 */

export type CsvRecord = { readonly line: number; readonly fields: string[]; readonly error?: undefined } | { readonly line: number; readonly fields?: undefined; readonly error: string };

export function* readCsv(text: string): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let error: string | null = null;
    let quotedField = false;
    // One record: fields until an unquoted newline or the end of the text.
    for (;;) {
      if (i >= n) {
        fields.push(field);
        break;
      }
      const c = text[i]!;
      if (c === '"' && field === '' && !quotedField) {
        quotedField = true;
        const quoteAt = i;
        const quoteLine = line;
        i++;
        let closed = false;
        while (i < n) {
          const q = text[i]!;
          if (q === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (q === '\n') line++;
          field += q;
          i++;
        }
        if (!closed) {
          // Rewind: resume after the line the quote opened on, so later lines are still checked.
          i = quoteAt;
          line = quoteLine;
          error = 'unterminated quoted field (a " opens a field that never closes)';
          break;
        }
        const after = text[i];
        if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
          error = `unexpected character '${after}' after a closing quote`;
          break;
        }
        continue;
      }
      if (c === ',') {
        fields.push(field);
        field = '';
        quotedField = false;
        i++;
        continue;
      }
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (c === '\n' || c === '\r') {
        i++;
        line++;
        fields.push(field);
        break;
      }
      if (c === '"') {
        error = 'a quote inside an unquoted field (quote the whole field and double the inner quote)';
        break;
      }
      field += c;
      i++;
    }
    if (error !== null) {
      // Resume at the next physical line after the error.
      const nl = text.indexOf('\n', i);
      if (nl < 0) i = n;
      else {
        line += countNewlines(text, i, nl) + 1;
        i = nl + 1;
      }
      yield { line: start, error };
      continue;
    }
    if (fields.length === 1 && fields[0] === '' && !quotedField) continue; // blank line
    yield { line: start, fields };
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let k = 0;
  for (let j = from; j < to; j++) if (text.charCodeAt(j) === 10) k++;
  return k;
}

/** Quotes a value for CSV output when needed (used by the seed to build site-format files). */
export function csvField(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
