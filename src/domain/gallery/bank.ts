// A debit card opened online and brought by a courier, up to the first blocked payment abroad.
import { t, type TemplateContent } from './types';

const PRODUCT = t('Katya, card product', 'Катя, продукт «Карты»');
const DELIVERY = t('Roman, delivery', 'Роман, доставка');
const CONTACT = t('Oleg, contact centre', 'Олег, контакт-центр');

export const BANK_CARD: TemplateContent = {
  id: 'bank-card',
  title: t('Bank: a debit card ordered online', 'Банк: дебетовая карта онлайн'),
  description: t(
    'Ordering a debit card on the site, courier delivery, activation in the app and the first blocked payment abroad.',
    'Заявка на дебетовую карту на сайте, доставка курьером, активация в приложении и первая заблокированная покупка за границей.',
  ),
  persona: {
    name: t('Pavel, 41', 'Павел, 41 год'),
    description: t(
      'Engineer, moves his salary to a bank with cashback; keeps two cards and trusts neither with big sums. Hates phone calls from unknown numbers.',
      'Инженер, переводит зарплату в банк с кешбэком; держит две карты и ни одной не доверяет крупные суммы. Не берёт трубку с незнакомых номеров.',
    ),
    goal: t(
      'Have the card in his wallet before the holiday trip and know it will work abroad.',
      'Получить карту до отпуска и быть уверенным, что она сработает за границей.',
    ),
    quote: t('I just want to know the card will work when I’m at the till abroad.', 'Хочу просто знать, что карта сработает на кассе за границей.'),
  },
  scenario: t(
    'Pavel orders a cashback card on the bank’s site, meets the courier, activates the card in the app and pays with it on a trip.',
    'Павел оформляет карту с кешбэком на сайте банка, встречается с курьером, активирует карту в приложении и расплачивается ею в поездке.',
  ),
  stages: [t('Compare', 'Сравнивает'), t('Apply', 'Оформляет'), t('Receive', 'Получает'), t('Activate & use', 'Активирует и пользуется'), t('Get help', 'Получает помощь')],
  channels: [t('Website', 'Сайт'), t('Mobile app', 'Мобильное приложение'), t('Courier', 'Курьер'), t('Contact centre', 'Контакт-центр'), t('SMS & push', 'SMS и пуши')],
  layers: [
    {
      kind: 'actions',
      title: t('What he does', 'Что делает'),
      cells: [
        t('Reads cashback terms, compares with a banki.ru rating', 'Читает условия кешбэка, сверяется с рейтингом на Банки.ру'),
        t('Fills in the form, confirms by SMS code', 'Заполняет анкету, подтверждает кодом из SMS'),
        t('Agrees on a time, meets the courier, signs', 'Согласует время, встречает курьера, подписывает документы'),
        t('Sets a PIN, adds the card to the phone’s wallet', 'Задаёт ПИН, добавляет карту в кошелёк телефона'),
        t('Calls when a payment abroad is declined', 'Звонит, когда платёж за границей отклонён'),
      ],
    },
    {
      kind: 'thoughts',
      title: t('Thinks and feels', 'Думает и чувствует'),
      cells: [
        t('“5 % cashback — where is the catch?”', '«Пять процентов кешбэка — где подвох?»'),
        t('“Why the passport scan if I am already a client?”', '«Зачем скан паспорта, если я уже ваш клиент?»'),
        t('“A four-hour window on a workday — really?”', '«Окно в четыре часа в будний день — серьёзно?»'),
        t('“Nice, it works with my phone right away.”', '«Отлично, сразу работает с телефона»'),
        t('“I’m at the till with a queue behind me.”', '«Я стою на кассе, за мной очередь»'),
      ],
    },
    {
      kind: 'pains',
      title: t('Pains', 'Боли'),
      cells: [
        t('Cashback limits in small print', 'Лимиты кешбэка мелким шрифтом'),
        t('Form asks again for data the bank has', 'Анкета заново спрашивает то, что банк уже знает'),
        t('Courier calls from a hidden number', 'Курьер звонит со скрытого номера'),
        t('Cashback categories change monthly and must be picked by hand', 'Категории кешбэка меняются каждый месяц и выбираются вручную'),
        t('Anti-fraud blocks the card abroad, hotline wait 17 min', 'Антифрод блокирует карту за границей, ожидание на линии 17 минут'),
      ],
    },
    {
      kind: 'opportunities',
      title: t('Opportunities', 'Возможности'),
      cells: [
        t('Cashback calculator on his real spending', 'Калькулятор кешбэка по его реальным тратам'),
        t('Pre-filled form for existing clients', 'Предзаполненная анкета для действующих клиентов'),
        t('Courier tracking with a 30-minute window', 'Отслеживание курьера с окном 30 минут'),
        t('Digital card in the app before the plastic arrives', 'Цифровая карта в приложении до прихода пластика'),
        t('“Travelling?” question in the app instead of a block', 'Вопрос «Вы в поездке?» в приложении вместо блокировки'),
      ],
    },
    {
      kind: 'kpi',
      title: t('KPI', 'Метрики'),
      cells: [
        { metric: t('Visit → application, %', 'Визит → заявка, %'), actual: 4.2, target: 6 },
        { metric: t('Application completion, %', 'Дозаполнение заявки, %'), actual: 58, target: 70 },
        { metric: t('Delivered on 1st try, %', 'Доставка с 1-й попытки, %'), actual: 71, target: 90 },
        { metric: t('Activated in 7 days, %', 'Активация за 7 дней, %'), actual: 64, target: 80 },
        { metric: t('CSAT contact centre', 'CSAT контакт-центра'), actual: 3.9, target: 4.5 },
      ],
    },
  ],
  touchpoints: [
    {
      key: 'terms',
      stage: 0,
      channel: 0,
      title: t('Card page with cashback terms', 'Страница карты с условиями кешбэка'),
      owner: PRODUCT,
      expectation: 3,
      perception: 2,
      notes: [{ kind: 'fix', text: t('Put the monthly cashback cap next to the “5 %”, not in the PDF', 'Писать лимит кешбэка рядом с «5 %», а не в PDF-тарифах'), owner: PRODUCT, votes: 5, status: 'planned' }],
      quotes: [{ text: t('Found the 3,000 ₽ cap only in the tariff PDF. Felt cheated a bit.', 'Лимит в 3000 ₽ нашёл только в PDF с тарифами. Немного обидно.'), source: 'survey', sentiment: 'negative', who: t('NPS survey comment', 'Комментарий к опросу NPS'), daysAgo: 16 }],
    },
    {
      key: 'form',
      stage: 1,
      channel: 0,
      title: t('Online application form', 'Онлайн-анкета'),
      owner: PRODUCT,
      expectation: 4,
      perception: 3,
      notes: [{ kind: 'wow', text: t('Existing client: the form comes pre-filled, only “confirm” is left', 'Действующему клиенту — готовая анкета, остаётся нажать «Подтвердить»'), owner: PRODUCT, votes: 7 }],
    },
    {
      key: 'courier',
      stage: 2,
      channel: 2,
      title: t('Courier delivery', 'Доставка курьером'),
      owner: DELIVERY,
      expectation: 3,
      perception: 2,
      notes: [
        { kind: 'fix', text: t('Courier calls from the bank’s number, the app shows him on the map', 'Курьер звонит с номера банка, в приложении видно его на карте'), owner: DELIVERY, votes: 6, status: 'inProgress' },
        { kind: 'planB', text: t('Missed the courier? Pick the card up at any branch the next day', 'Разминулись с курьером — забрать карту в любом отделении на следующий день'), owner: DELIVERY, votes: 3 },
      ],
      quotes: [{ text: t('He called from a hidden number, I didn’t pick up, and the delivery was cancelled.', 'Позвонили со скрытого номера, я не ответил — и доставку отменили.'), source: 'support', sentiment: 'negative', who: t('Complaint in the chat', 'Жалоба в чате'), daysAgo: 21 }],
    },
    {
      key: 'activate',
      stage: 3,
      channel: 1,
      title: t('Activation and PIN in the app', 'Активация и ПИН в приложении'),
      owner: PRODUCT,
      expectation: 3,
      perception: 5,
      quotes: [{ text: t('Set the PIN in the app and paid with my phone five minutes later.', 'Поставил ПИН в приложении и через пять минут уже платил телефоном.'), source: 'review', sentiment: 'positive', who: t('App store review, 5★', 'Отзыв в магазине приложений, 5★'), daysAgo: 10 }],
    },
    {
      key: 'push',
      stage: 3,
      channel: 4,
      title: t('Push about cashback categories', 'Пуш о категориях кешбэка'),
      expectation: 3,
      perception: 3,
    },
    {
      key: 'blocked',
      stage: 4,
      channel: 3,
      title: t('Call about a blocked payment abroad', 'Звонок о блокировке платежа за границей'),
      owner: CONTACT,
      expectation: 3,
      perception: 1,
      notes: [
        { kind: 'fix', text: t('Ask “Are you travelling?” in the app before blocking', 'Спрашивать «Вы в поездке?» в приложении до блокировки'), owner: t('Marat, anti-fraud', 'Марат, антифрод'), votes: 9, status: 'planned' },
        { kind: 'planB', text: t('Priority line for clients abroad: answer within 2 minutes', 'Приоритетная линия для клиентов за границей: ответ за 2 минуты'), owner: CONTACT, votes: 4 },
      ],
      quotes: [{ text: t('Seventeen minutes on hold from a Turkish SIM, standing at the hotel desk.', 'Семнадцать минут на линии с турецкой симки, стоя у стойки отеля.'), source: 'interview', sentiment: 'negative', who: t('Client interview', 'Интервью с клиентом'), daysAgo: 38 }],
    },
  ],
  connections: [
    ['terms', 'form'],
    ['form', 'courier'],
    ['courier', 'activate'],
    ['activate', 'push'],
    ['push', 'blocked'],
  ],
};
