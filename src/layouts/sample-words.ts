/**
 * Word tables for synthetic sample records. Every name here is a common surname or given name
 * combined at random, so a generated person is invented, never a real individual; addresses pair
 * real municipality names with invented 町字 and numbers. A few surnames deliberately carry
 * characters that stress the pipeline: 髙 (IBM extension in CP932), 𠮷 (astral, not in CP932) and
 * 辻󠄀 (an IVS sequence, one character by chukan's length rule).
 */

/** [kanji, kana] */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'],
  ['山本', 'ヤマモト'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['山田', 'ヤマダ'],
  ['佐々木', 'ササキ'], ['山口', 'ヤマグチ'], ['松本', 'マツモト'], ['井上', 'イノウエ'], ['木村', 'キムラ'], ['林', 'ハヤシ'],
  ['清水', 'シミズ'], ['斎藤', 'サイトウ'], ['森', 'モリ'], ['池田', 'イケダ'], ['橋本', 'ハシモト'], ['石川', 'イシカワ'],
  ['小川', 'オガワ'], ['長谷川', 'ハセガワ'], ['岡田', 'オカダ'], ['藤原', 'フジワラ'], ['後藤', 'ゴトウ'], ['村上', 'ムラカミ'],
];
/** Rare surnames that exercise 外字-adjacent handling; picked with low probability. */
export const HARD_SURNAMES: readonly (readonly [string, string])[] = [
  ['髙橋', 'タカハシ'], ['𠮷田', 'ヨシダ'], ['辻󠄀', 'ツジ'], ['渡邉', 'ワタナベ'], ['齋藤', 'サイトウ'],
];
export const MALE_NAMES: readonly (readonly [string, string])[] = [
  ['太郎', 'タロウ'], ['一郎', 'イチロウ'], ['健太', 'ケンタ'], ['翔太', 'ショウタ'], ['大輔', 'ダイスケ'], ['誠', 'マコト'],
  ['浩', 'ヒロシ'], ['蓮', 'レン'], ['悠真', 'ユウマ'], ['拓也', 'タクヤ'], ['和夫', 'カズオ'], ['直樹', 'ナオキ'], ['湊', 'ミナト'],
];
export const FEMALE_NAMES: readonly (readonly [string, string])[] = [
  ['花子', 'ハナコ'], ['陽子', 'ヨウコ'], ['美咲', 'ミサキ'], ['結衣', 'ユイ'], ['さくら', 'サクラ'], ['恵子', 'ケイコ'],
  ['葵', 'アオイ'], ['陽菜', 'ヒナ'], ['和子', 'カズコ'], ['由美', 'ユミ'], ['芽依', 'メイ'], ['智子', 'トモコ'],
];

/** [5-digit 団体コード without check digit, 都道府県, 市区町村] */
export const MUNICIPALITIES: readonly (readonly [string, string, string])[] = [
  ['01100', '北海道', '札幌市'], ['04100', '宮城県', '仙台市'], ['13104', '東京都', '新宿区'], ['14100', '神奈川県', '横浜市'],
  ['23100', '愛知県', '名古屋市'], ['26100', '京都府', '京都市'], ['27100', '大阪府', '大阪市'], ['34100', '広島県', '広島市'],
  ['40130', '福岡県', '福岡市'], ['47201', '沖縄県', '那覇市'],
];
export const MACHIAZA: readonly string[] = ['本町', '中央', '桜町', '緑が丘', '東町', '西原', '若葉台', '旭町', '栄町', '青葉台', '朝日ケ丘', '港町'];
export const KATAGAKI: readonly string[] = ['コーポ桜', 'グリーンハイツ', 'メゾン中央', 'サンライズマンション', '市営住宅'];

/** [kanji part, kana part] for invented organisation names */
export const ORG_STEMS: readonly (readonly [string, string])[] = [
  ['さくら', 'サクラ'], ['みどり', 'ミドリ'], ['あおば', 'アオバ'], ['ひかり', 'ヒカリ'], ['中央', 'チュウオウ'], ['北斗', 'ホクト'],
  ['若葉', 'ワカバ'], ['朝日', 'アサヒ'], ['東西', 'トウザイ'], ['つばさ', 'ツバサ'],
];
export const ORG_KINDS: readonly (readonly [string, string])[] = [
  ['商事', 'ショウジ'], ['建設', 'ケンセツ'], ['運輸', 'ウンユ'], ['食品', 'ショクヒン'], ['電機', 'デンキ'], ['不動産', 'フドウサン'],
];

/** Title fragment → plausible full-width values for free-text fields. First match wins. */
export const FREE_TEXT_BY_TITLE: readonly (readonly [string, readonly string[]])[] = [
  ['国籍', ['中国', '韓国', 'ベトナム', 'フィリピン', 'ブラジル', 'ネパール', 'アメリカ合衆国']],
  ['在留国', ['アメリカ合衆国', 'オーストラリア', 'ドイツ', 'タイ', 'カナダ']],
  ['領事官', ['在ロサンゼルス日本国総領事館', '在シドニー日本国総領事館', '在ドイツ日本国大使館']],
  ['職名', ['主事', '主任', '係長', '課長補佐', '課長', '技師', '保育士', '保健師']],
  ['続柄', ['妻', '夫', '長男', '長女', '二男', '母', '父']],
  ['障害名', ['両下肢機能障害', '視力障害', '心臓機能障害', '聴覚障害']],
  ['資産の名称', ['パソコン', '複合機', '駐車場舗装', '冷凍冷蔵庫', 'フォークリフト', '看板']],
  ['科目', ['総務管理費', '一般管理費', '社会福祉総務費', '児童福祉総務費', '道路維持費', '個人市民税']],
  ['簿冊名', ['会議録綴', '契約関係綴', '補助金交付決定綴', '議会答弁資料']],
  ['投票区名', ['第１投票区', '第２投票区', '中央投票区', '北部投票区']],
  ['担当部署', ['総務課', '経理課', '人事部', '管理部']],
  ['保存場所', ['書庫Ａ－３', '第２書庫', '電子文書管理システム']],
  ['記号', ['総務', '財政', '福祉', '教委']],
  ['車名', ['スズキ', 'ダイハツ', 'ホンダ', 'ヤマハ', 'ニッサン', 'ミツビシ']],
  ['受理者', ['札幌市長', '横浜市長', '新宿区長', '那覇市長']],
  ['登録印影', ['山田', '花子', '佐藤太郎']],
];
export const FREE_TEXT_DEFAULT: readonly string[] = [
  '特記事項なし', '確認済み', '申請書類一式を受領', '窓口にて対応', '継続して確認中', '関係課と協議済み', '本人より電話連絡あり',
];
export const KENMEI: readonly string[] = [
  '物品購入について', '道路補修工事の契約について', '補助金交付決定について', '会議の開催について', '委託業務の完了報告について',
  '消耗品の購入について', '施設修繕工事について',
];
