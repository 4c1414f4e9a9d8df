/**
 * Frequent characters that exist only in traditional script (each changes under OpenCC's t→cn conversion;
 * `test/parse/lexicon.test.ts` checks that): a handful of them in a notice means it is written in 繁體.
 */
export const TRADITIONAL_ONLY =
  "為們國發關機門開這個時會與對說來實現經業產過點還當區縣辦務應將並從體處統總條義續員聯際報導歲費財稅權責單價質環規劃設計專項資訊網絡諮詢檢測貫徹穩傷醫殘鄉鎮幹農參議選舉認證據錄級難題戰識興邊構築廣東廳臺嚴護園職類場";
