import { Form, type FormInstance, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';

type TRewardKind = 'points' | 'coupon' | 'gift';

type TProps = {
  form: FormInstance;
  /** The Form.List the row belongs to (`tiers`, `milestones`) and the row's field name in it. */
  list: string;
  name: number;
  /** The row's field holding the reward kind (`kind` on fission tiers, `rewardKind` on milestones). */
  kindField: string;
  /** Labels only on the first row of a list. */
  first: boolean;
  disabled: boolean;
  /** The i18n namespace with the form's texts (`fission`, `checkins`). */
  ns: 'fission' | 'checkins';
  kinds: readonly TRewardKind[];
};

/**
 * The reward of a campaign row (a fission tier, a check-in milestone): kind, amount (yuan for a
 * coupon, points, none for a gift) and the name the customer sees. Matches `ZRewardSpec`.
 */
export const RewardSpecFields = ({ form, list, name, kindField, first, disabled, ns, kinds }: TProps) => {
  const { t } = useTranslation();
  const required = (field: string) => ({ required: true, message: t(`${ns}.form.required`, { field }) });
  return (
    <>
      <Form.Item
        name={[name, kindField]}
        label={first ? t(`${ns}.form.rewardKind`) : undefined}
        rules={[required(t(`${ns}.form.rewardKind`))]}
      >
        <Select
          options={kinds.map((k) => ({ value: k, label: t(`${ns}.form.kinds.${k}`) }))}
          disabled={disabled}
          style={{ width: 110 }}
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {() => {
          const kind = form.getFieldValue([list, name, kindField]) as TRewardKind | undefined;
          return (
            <Form.Item
              name={[name, 'amount']}
              label={
                first ? (kind === 'coupon' ? t(`${ns}.form.rewardAmountCoupon`) : t(`${ns}.form.rewardAmountPoints`)) : undefined
              }
              rules={[
                {
                  validator: (_, v?: number) =>
                    kind === 'gift' || (v ?? 0) > 0
                      ? Promise.resolve()
                      : Promise.reject(new Error(t(`${ns}.form.amountRequired`))),
                },
              ]}
            >
              <InputNumber
                min={0}
                max={kind === 'coupon' ? 1_000_000 : 100_000_000}
                precision={kind === 'coupon' ? 2 : 0}
                disabled={disabled || kind === 'gift'}
                style={{ width: 130 }}
              />
            </Form.Item>
          );
        }}
      </Form.Item>
      <Form.Item
        name={[name, 'name']}
        label={first ? t(`${ns}.form.rewardName`) : undefined}
        rules={[required(t(`${ns}.form.rewardName`)), { max: 64 }]}
      >
        <Input placeholder={t(`${ns}.form.rewardNamePlaceholder`)} maxLength={64} disabled={disabled} style={{ width: 220 }} />
      </Form.Item>
    </>
  );
};
