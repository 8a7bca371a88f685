import { defineMessages } from '../../platform/i18n/i18n.ts';

interface Card {
  title: string;
  body: string;
}

export const portalMessages = defineMessages<{
  homeTitle: string;
  lead: string;
  servicesHeading: string;
  services: { registry: Card; health: Card; hokatsu: Card; benefits: Card };
  portalsHeading: string;
  portals: { parents: Card; staff: Card; nursery: Card; clinic: Card };
  developersHeading: string;
  developersBody: string;
  apiDocs: string;
  municipalitiesApi: string;
}>({
  ja: {
    homeTitle: 'ホーム',
    lead: '東京都と62区市町村の子育て支援を、必要なときに、必要な人へ。制度の案内から健診・予防接種、保育園、給付金の申請までをひとつにつなぎます。',
    servicesHeading: '4つのサービス',
    services: {
      registry: {
        title: 'プッシュ型子育てサービス',
        body: '都と区市町村のすべての子育て支援制度を一つの台帳に。お子さんの年齢や期限に合わせて、LINE・メール・アプリでお知らせします。',
      },
      health: {
        title: '母子保健オンライン（PMH）',
        body: '医療費助成の受給者証を紙なしで医療機関へ。予防接種・健診のスケジュールと電子予診票。',
      },
      hokatsu: {
        title: '保活ワンストップ',
        body: '保育園の検索、見学・相談の予約、指数シミュレーション、申込みから結果の確認まで。',
      },
      benefits: {
        title: '給付金の申請',
        body: '018サポートと赤ちゃんファーストを一度の申請で。審査の状況はいつでも確認できます。',
      },
    },
    portalsHeading: '利用される方へ',
    portals: {
      parents: {
        title: '保護者の方',
        body: 'マイナンバーカードでログインし、世帯の情報・お知らせ・申請を確認できます。',
      },
      staff: {
        title: '自治体職員の方',
        body: '制度台帳の更新、お知らせの配信、保育所入所の審査、給付の審査を行います。',
      },
      nursery: { title: '保育施設の方', body: '見学枠と空き状況を登録・更新します。' },
      clinic: { title: '医療機関・薬局の方', body: '受給資格の確認、電子予診票の受付、接種記録の登録を行います。' },
    },
    developersHeading: '開発者・連携アプリの方へ',
    developersBody: '制度台帳と自治体情報はオープン API で提供しています。仕様は OpenAPI で公開しています。',
    apiDocs: 'API ドキュメント',
    municipalitiesApi: '自治体一覧 API',
  },
  en: {
    homeTitle: 'Home',
    lead: 'Child-rearing support from Tokyo and its 62 municipalities, reaching the right family at the right time — from support programs to check-ups and vaccinations, nurseries and benefit applications.',
    servicesHeading: 'Four services',
    services: {
      registry: {
        title: 'Push-type child-rearing service',
        body: 'Every support program of Tokyo and its municipalities in one registry, with notices timed to your child’s age and deadlines through LINE, e-mail and apps.',
      },
      health: {
        title: 'Maternal and child health online (PMH)',
        body: 'Medical-subsidy eligibility sent to clinics without paper certificates; vaccination and check-up schedules and electronic questionnaires.',
      },
      hokatsu: {
        title: 'Nursery one-stop',
        body: 'Search nurseries, book visits and consultations, simulate your admission index, apply and see results.',
      },
      benefits: {
        title: 'Benefit applications',
        body: 'Apply for 018 Support and Baby First in one go, and follow each claim’s status at any time.',
      },
    },
    portalsHeading: 'Who is it for',
    portals: {
      parents: {
        title: 'Parents',
        body: 'Sign in with your My Number card to see your household, notices and applications.',
      },
      staff: {
        title: 'Municipal staff',
        body: 'Keep the registry current, send notices, screen nursery applications and review benefit claims.',
      },
      nursery: { title: 'Nurseries', body: 'Publish visit slots and vacancies.' },
      clinic: {
        title: 'Clinics and pharmacies',
        body: 'Check subsidy eligibility, receive electronic questionnaires and record vaccinations.',
      },
    },
    developersHeading: 'For developers and partner apps',
    developersBody: 'The registry and municipality data are served through an open API, described in OpenAPI.',
    apiDocs: 'API documentation',
    municipalitiesApi: 'Municipalities API',
  },
});
