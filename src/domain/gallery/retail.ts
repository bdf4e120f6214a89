// Buying online from a retailer: from a search ad to a return at a pick-up point.
import { t, type TemplateContent } from './types';

export const RETAIL_ONLINE: TemplateContent = {
  id: 'retail-online',
  title: t('Online purchase: sneakers with delivery', 'Покупка онлайн: кроссовки с доставкой'),
  description: t(
    'An online store from the first ad to a return: search, size choice, checkout, delivery to a pick-up point, return.',
    'Интернет-магазин от рекламы до возврата: поиск, выбор размера, оформление, доставка в пункт выдачи, возврат.',
  ),
  persona: {
    name: t('Marina, 29', 'Марина, 29 лет'),
    description: t(
      'Project manager, shops from her phone on the commute; has been burned by sizes that run small and by couriers who call at 8 am.',
      'Менеджер проектов, покупает с телефона по дороге на работу; уже обжигалась на маломерках и на курьерах, которые звонят в восемь утра.',
    ),
    goal: t(
      'Get the right size by Saturday without taking a day off to wait for a courier.',
      'Получить кроссовки нужного размера к субботе и не сидеть полдня дома в ожидании курьера.',
    ),
    quote: t('If it doesn’t fit, I want to send it back without a fight.', 'Если не подойдёт — хочу вернуть без лишних разговоров.'),
  },
  scenario: t(
    'Marina sees a sale ad, picks running shoes on the site, pays by card and collects them at a pick-up point; one pair is returned.',
    'Марина видит рекламу распродажи, выбирает беговые кроссовки на сайте, платит картой и забирает заказ в пункте выдачи; одну пару возвращает.',
  ),
  stages: [t('Discover', 'Узнаёт'), t('Choose', 'Выбирает'), t('Pay', 'Оплачивает'), t('Receive', 'Получает'), t('Return', 'Возвращает')],
  channels: [t('Ads & social', 'Реклама и соцсети'), t('Website & app', 'Сайт и приложение'), t('SMS & email', 'SMS и почта'), t('Pick-up point', 'Пункт выдачи'), t('Support chat', 'Чат поддержки')],
  layers: [
    {
      kind: 'actions',
      title: t('What she does', 'Что делает'),
      cells: [
        t('Scrolls Instagram, taps a sale banner', 'Листает ленту, нажимает на баннер распродажи'),
        t('Filters by size, compares two models, reads reviews', 'Фильтрует по размеру, сравнивает две модели, читает отзывы'),
        t('Enters the card, picks a pick-up point near the metro', 'Вводит данные карты, выбирает пункт выдачи у метро'),
        t('Waits for the SMS, picks up and tries them on', 'Ждёт SMS, забирает заказ и примеряет'),
        t('Fills in the return form, brings the box back', 'Заполняет заявление на возврат, относит коробку'),
      ],
    },
    {
      kind: 'thoughts',
      title: t('Thinks and feels', 'Думает и чувствует'),
      cells: [
        t('“−40 %? Probably last season’s leftovers.”', '«Минус сорок процентов? Наверное, остатки прошлого сезона»'),
        t('“Does a 38 run small in this brand?”', '«Этот бренд маломерит или нет?»'),
        t('“Why do they need my birthday to sell me shoes?”', '«Зачем им дата рождения, чтобы продать кроссовки?»'),
        t('“Finally — and the point is open till ten.”', '«Наконец-то, и пункт работает до десяти»'),
        t('“Will I get my money back before payday?”', '«Деньги вернут до зарплаты или нет?»'),
      ],
    },
    {
      kind: 'pains',
      title: t('Pains', 'Боли'),
      cells: [
        t('Ad price differs from the product page', 'Цена в рекламе не совпадает с карточкой товара'),
        t('No size chart in centimetres', 'Нет таблицы размеров в сантиметрах'),
        t('Forced registration, 3-D Secure page times out', 'Обязательная регистрация, страница 3-D Secure отваливается'),
        t('Delivery date moves twice without a reason', 'Дата доставки дважды сдвигается без объяснений'),
        t('Refund takes up to 10 working days', 'Деньги возвращают до 10 рабочих дней'),
      ],
    },
    {
      kind: 'opportunities',
      title: t('Opportunities', 'Возможности'),
      cells: [
        t('Land the ad on the exact product in the right size', 'Вести рекламу сразу на товар в нужном размере'),
        t('“Fits like your Nike 38” size hint from past orders', 'Подсказка «сядет как ваши Nike 38» по прошлым заказам'),
        t('Guest checkout, saved card in one tap', 'Заказ без регистрации, сохранённая карта в одно касание'),
        t('Live delivery tracking with a real time window', 'Трекинг с реальным окном доставки'),
        t('Instant refund once the point scans the box', 'Возврат денег сразу после сканирования коробки в пункте'),
      ],
    },
    {
      kind: 'kpi',
      title: t('KPI', 'Метрики'),
      cells: [
        { metric: t('Ad CTR, %', 'CTR рекламы, %'), actual: 1.4, target: 2 },
        { metric: t('Add-to-cart rate, %', 'Добавление в корзину, %'), actual: 7.5, target: 9 },
        { metric: t('Checkout conversion, %', 'Конверсия оформления, %'), actual: 62, target: 75 },
        { metric: t('CSAT delivery', 'CSAT доставки'), actual: 4.1, target: 4.5 },
        { metric: t('CES return', 'CES возврата'), actual: 4.8, target: 3 },
      ],
    },
  ],
  touchpoints: [
    {
      key: 'ad',
      stage: 0,
      channel: 0,
      title: t('Sale banner in Instagram', 'Баннер распродажи в Instagram'),
      owner: t('Denis, marketing', 'Денис, маркетинг'),
      expectation: 3,
      perception: 2,
      notes: [
        { kind: 'fix', text: t('Ad shows −40 % but the page shows −25 % for her size', 'В рекламе −40 %, а на странице для её размера только −25 %'), owner: t('Denis, marketing', 'Денис, маркетинг'), votes: 4, status: 'planned' },
      ],
      quotes: [
        { text: t('The ad said 40 % off, the site said 25. Felt like bait.', 'В рекламе было минус сорок, на сайте минус двадцать пять. Ощущение, что развели.'), source: 'social', sentiment: 'negative', who: t('Instagram comment', 'Комментарий в Instagram'), daysAgo: 12 },
      ],
    },
    {
      key: 'product',
      stage: 1,
      channel: 1,
      title: t('Product page with sizes', 'Карточка товара с размерами'),
      owner: t('Olga, e-commerce', 'Ольга, e-commerce'),
      expectation: 4,
      perception: 3,
      notes: [
        { kind: 'wow', text: t('Size hint from her past orders: “fits like your 38 from last spring”', 'Подсказка размера по прошлым заказам: «сядет как ваши 38 прошлой весной»'), owner: t('Olga, e-commerce', 'Ольга, e-commerce'), votes: 6 },
      ],
      quotes: [
        { text: t('I ordered two sizes just in case — I always do with shoes.', 'Заказала два размера на всякий случай — с обувью всегда так делаю.'), source: 'interview', sentiment: 'neutral', who: t('Customer interview', 'Интервью с покупательницей'), daysAgo: 20 },
      ],
    },
    {
      key: 'checkout',
      stage: 2,
      channel: 1,
      title: t('Checkout and card payment', 'Оформление и оплата картой'),
      owner: t('Olga, e-commerce', 'Ольга, e-commerce'),
      expectation: 4,
      perception: 2,
      notes: [
        { kind: 'fix', text: t('Let people pay as guests; registration after the order, in one tap', 'Разрешить оформление без регистрации; аккаунт — после заказа, одним нажатием'), owner: t('Olga, e-commerce', 'Ольга, e-commerce'), votes: 7, status: 'inProgress' },
        { kind: 'planB', text: t('If 3-D Secure fails, keep the cart and send a payment link by SMS', 'Если 3-D Secure сорвался — сохранить корзину и прислать ссылку на оплату в SMS'), owner: t('Ilya, payments', 'Илья, платежи'), votes: 3 },
      ],
    },
    {
      key: 'sms',
      stage: 3,
      channel: 2,
      title: t('“Your order is at the point” SMS', 'SMS «Заказ в пункте выдачи»'),
      expectation: 3,
      perception: 4,
    },
    {
      key: 'pickup',
      stage: 3,
      channel: 3,
      title: t('Pick-up and fitting', 'Получение и примерка'),
      owner: t('Sergey, logistics', 'Сергей, логистика'),
      expectation: 3,
      perception: 3,
      quotes: [
        { text: t('There is a tiny fitting corner, but no mirror — I tried them on by feel.', 'Примерочная есть, но без зеркала — мерила на ощупь.'), source: 'review', sentiment: 'neutral', who: t('Review on the map service', 'Отзыв на картах'), daysAgo: 33 },
      ],
    },
    {
      key: 'return',
      stage: 4,
      channel: 3,
      title: t('Return at the pick-up point', 'Возврат в пункте выдачи'),
      owner: t('Sergey, logistics', 'Сергей, логистика'),
      expectation: 3,
      perception: 1,
      notes: [
        { kind: 'planB', text: t('Refund within 24 hours of the scan, or a 300 ₽ voucher for the wait', 'Возврат денег в течение суток после сканирования или купон 300 ₽ за ожидание'), owner: t('Ilya, payments', 'Илья, платежи'), votes: 5 },
      ],
      quotes: [
        { text: t('Ten working days to get my own money back? For a return I made the same evening?', 'Десять рабочих дней, чтобы вернуть мои же деньги? Я вернула в тот же вечер!'), source: 'survey', sentiment: 'negative', who: t('Post-return survey', 'Опрос после возврата'), daysAgo: 8 },
      ],
    },
    {
      key: 'chat',
      stage: 4,
      channel: 4,
      title: t('“Where is my refund?” chat', 'Чат «Где мои деньги?»'),
      owner: t('Anna, support', 'Анна, поддержка'),
      expectation: 3,
      perception: 2,
    },
  ],
  connections: [
    ['ad', 'product'],
    ['product', 'checkout'],
    ['checkout', 'sms'],
    ['sms', 'pickup'],
    ['pickup', 'return'],
    ['return', 'chat'],
  ],
};
