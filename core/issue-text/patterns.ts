/** Line shapes of the export format that more than one part of the parser recognises. */

/** `【上海】`, `【北京】**title**`, `【浙江】2022 年 5 月，…`: a region tag at the start of a line. */
export const REGION_TAG = /^【([^【】\s]{1,12})】\s*(.*)$/

/** `- 【上海】 title`: a table-of-contents line. */
export const TOC_LINE = /^[-·•]\s*【([^【】\s]{1,12})】\s*(.*)$/

/** `主办`, `编辑：张三 李四`: a masthead label alone or followed by its value. */
export const LABEL_LINE = /^(主办|编辑|统筹|电话|传真)(?:\s*[：:]\s*|\s+|$)(.*)$/

/** `—— 地方工作亮点追踪 ——`: the closing ornament of the back cover. */
export const ORNAMENT_LINE = /^[—─-]{2,}\s*(.+?)\s*[—─-]{2,}$/

export const PUBLICATION_TITLE = '双周决策观察'

export const stripBoldMarkers = (s: string): string => s.replace(/\*\*/g, '').trim()
