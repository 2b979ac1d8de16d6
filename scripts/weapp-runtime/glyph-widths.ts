/**
 * Advance widths of Noto Sans CJK SC (the Chinese system font of Debian/Android; PingFang SC on iOS
 * has the same full-width CJK cells), read from the fonts' `hmtx` tables in thousandths of an em:
 * printable ASCII U+0020–U+007E in order, for the regular (400) and bold (600/700) faces. Every
 * other character is taken as full width (1 em), as CJK ideographs and punctuation are in these
 * fonts, except the middle dot `·`, whose width is listed too.
 */
const ASCII = {
  regular: [
    224, 323, 474, 555, 555, 921, 680, 278, 338, 338, 467, 555, 278, 347, 278, 392, 555, 555, 555,
    555, 555, 555, 555, 555, 555, 555, 278, 278, 555, 555, 555, 474, 946, 608, 657, 638, 688, 589,
    552, 689, 728, 293, 535, 646, 543, 812, 723, 742, 633, 742, 635, 596, 599, 721, 575, 878, 573,
    531, 603, 338, 392, 338, 555, 559, 606, 563, 618, 510, 620, 554, 325, 564, 607, 275, 275, 552,
    284, 926, 610, 606, 620, 620, 388, 468, 377, 607, 521, 802, 498, 521, 475, 338, 270, 338, 555,
  ],
  bold: [
    227, 370, 574, 590, 590, 963, 740, 325, 378, 378, 507, 590, 325, 370, 325, 387, 590, 590, 590,
    590, 590, 590, 590, 590, 590, 590, 325, 325, 590, 590, 590, 514, 1007, 641, 681, 656, 714, 615,
    585, 717, 757, 330, 568, 686, 578, 853, 749, 770, 667, 770, 682, 624, 625, 748, 619, 915, 627,
    580, 613, 378, 387, 378, 590, 567, 626, 591, 644, 527, 644, 581, 372, 597, 640, 304, 306, 604,
    315, 964, 641, 626, 644, 644, 436, 495, 421, 637, 576, 863, 562, 574, 511, 378, 296, 378, 590,
  ],
}
const MIDDLE_DOT = { regular: 561, bold: 592 }

/** Width in px of `text` set in a CSS font string such as `700 22px 'PingFang SC', sans-serif`. */
export function glyphWidth(font: string, text: string): number {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 10)
  const weight = Number(/^\s*(\d{3})\b/.exec(font)?.[1] ?? 400)
  const face = weight >= 600 ? 'bold' : 'regular'
  let em = 0
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (code >= 0x20 && code <= 0x7e) em += ASCII[face][code - 0x20]
    else if (ch === '·') em += MIDDLE_DOT[face]
    else em += 1000
  }
  return (em / 1000) * size
}
