/** Numbers typed with Bengali digits (০-৯) are the same numbers: the API takes ASCII digits. */
export const asciiDigits = (text: string) => text.replace(/[০-৯]/g, (digit) => String(digit.charCodeAt(0) - 0x09e6));

/** Taka typed in a form (Bengali or ASCII digits, thousands commas allowed); undefined when left empty. */
export const takaOf = (typed: string | undefined) =>
  typed?.trim() ? Number(asciiDigits(typed.trim()).replace(/,/g, '')) : undefined;

/** A count typed in a form (Bengali or ASCII digits, thousands commas and spaces allowed), as ASCII digits only. */
export const digitsOf = (typed: string) => asciiDigits(typed.trim()).replace(/[,\s]/g, '');
