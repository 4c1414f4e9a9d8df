/** The 台账 header of a three-level notice (the 朝阳区 fixture): one column per level above the leaves. */
export const CHAOYANG_LEDGER_HEADERS = ["序号", "重点任务", "具体任务", "工作内容", "牵头单位", "责任单位", "完成时限", "进展情况", "备注", "任务编号"];
