/** Numbers typed with Bengali digits (০-৯) are the same numbers: the API takes ASCII digits. */
export const asciiDigits = (text: string) => text.replace(/[০-৯]/g, (digit) => String(digit.charCodeAt(0) - 0x09e6));
